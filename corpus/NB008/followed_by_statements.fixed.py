import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _():
    losses = [2.31, 1.87, 1.52, 1.49, 1.51]
    return (losses,)


@app.cell
def _(losses, mo):
    if losses[-1] > losses[-2]:
        _output = mo.md("Validation loss went **up**: consider early stopping")
    else:
        _output = mo.md("Validation loss is still going down")
    best = min(losses)
    print(f"best loss so far: {best}")
    _output
    return


if __name__ == "__main__":
    app.run()
