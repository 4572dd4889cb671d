import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _():
    losses = [2.31, 1.87, 1.52]
    return (losses,)


@app.cell
def _(losses, mo):
    for _loss in losses:
        mo.md(f"loss {_loss}")
    return


@app.cell
def _(mo):
    with open(__file__) as _source:
        _lines = _source.read().count("\n")
        mo.md(f"{_lines} lines")
    return


if __name__ == "__main__":
    app.run()
