import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo
    return (mo,)


@app.cell
def _(mo):
    device = mo.ui.radio(["cpu", "cuda"], value="cpu")
    for attempt in range(2):
        try:
            if device.value == "cuda":
                print("checking the GPU, attempt", attempt)
        except KeyError:
            pass
    device
    return


if __name__ == "__main__":
    app.run()
