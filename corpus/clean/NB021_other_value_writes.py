import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo
    return (mo,)


@app.cell
def _(mo):
    get_volume, set_volume = mo.state(5)
    return get_volume, set_volume


@app.cell
def _(get_volume, mo, set_volume):
    # driven through mo.state: the marimo way to set an element from code
    volume = mo.ui.slider(0, 10, value=get_volume(), on_change=set_volume)
    volume
    return (volume,)


@app.cell
def _(mo, set_volume):
    mute = mo.ui.button(label="mute", on_click=lambda _: set_volume(0))
    mute
    return


@app.cell
def _():
    class Meter:
        """Not a UI element: its value is its own."""

        def __init__(self):
            self.value = 0


    meter = Meter()
    meter.value = 3
    return (meter,)


@app.cell
def _(meter, volume):
    # a parameter or a loop variable with an element's name is not the element
    def bump(volume):
        volume.value += 1
        return volume.value


    for gauge in [meter]:
        gauge.value = volume.value
    print(bump(meter), [m.value for m in [meter]])
    return


if __name__ == "__main__":
    app.run()
