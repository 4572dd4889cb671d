import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo
    return (mo,)


@app.cell
def _(mo):
    # the element is created and read in one expression: its value never reaches Python
    repeats = mo.ui.number(1, 10, value=3).value
    print("repeats", repeats)
    return


if __name__ == "__main__":
    app.run()
