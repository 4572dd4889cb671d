import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _():
    ready = False
    return


@app.cell
def _(mo):
    mo.stop(mo.md("Not ready"), output=mo.md("Still not ready"))
    return


if __name__ == "__main__":
    app.run()
