import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo
    return (mo,)


@app.cell
def _(mo):
    weights = mo.ui.array([mo.ui.slider(0, 1, step=0.1, value=0.5) for _ in range(3)])
    limits = mo.ui.dictionary({"low": mo.ui.number(0, 10), "high": mo.ui.number(0, 10, value=10)})
    mo.vstack([weights, limits])
    return limits, weights


@app.cell
def _(limits, weights):
    weights[0].value = 1.0
    limits["high"].value, limits["low"].value = 5, 1
    return


if __name__ == "__main__":
    app.run()
