import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _(mo):
    batch_size = mo.ui.slider(8, 256, step=8, value=64, label="batch size")
    advanced = True
    return advanced, batch_size


@app.cell
def _(advanced, batch_size, mo):
    if advanced:
        _output = batch_size
    else:
        _output = mo.ui.text(value="64", label="batch size")
    _output
    return


if __name__ == "__main__":
    app.run()
