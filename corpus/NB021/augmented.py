import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo
    return (mo,)


@app.cell
def _(mo):
    clicks = mo.ui.number(0, 1000, value=0, label="clicks")
    clicks
    return (clicks,)


@app.cell
def _(clicks):
    clicks.value += 1
    return


if __name__ == "__main__":
    app.run()
