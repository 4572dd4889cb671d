import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _():
    mode = "train"
    return (mode,)


@app.cell
def _(mo, mode):
    if mode == "train":
        _output = mo.md("Training mode")
    elif mode == "eval":
        _output = None
    else:
        raise ValueError(f"unknown mode {mode!r}")
    _output
    return


if __name__ == "__main__":
    app.run()
