import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo
    return (mo,)


@app.cell
def _(mo):
    batch_size = mo.ui.dropdown(["16", "32", "64"], value="32", label="batch size")
    return (batch_size,)


@app.cell
def _(batch_size):
    steps = 50_000 // int(batch_size.value)
    print(steps)
    return


if __name__ == "__main__":
    app.run()
