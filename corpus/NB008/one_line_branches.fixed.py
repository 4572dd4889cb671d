import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _():
    ok = True
    return (ok,)


@app.cell
def _(mo, ok):
    if ok: _output = mo.md("all checks passed")
    else: print("checks failed"); _output = None
    _output
    return


if __name__ == "__main__":
    app.run()
