import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo
    return (mo,)


@app.cell
def _(mo):
    volume = mo.ui.slider(0, 10, value=5, label="volume")
    volume
    return (volume,)


@app.cell
def _(mo, volume):
    def mute(_):
        volume.value = 0
        return 0


    mute_button = mo.ui.button(label="mute", on_click=mute)
    mute_button
    return


if __name__ == "__main__":
    app.run()
