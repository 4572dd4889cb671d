import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo
    return (mo,)


@app.cell
def _(mo):
    seed = mo.ui.number(0, 9999, value=0, on_change=lambda value: print("seed", value))
    seed
    return


if __name__ == "__main__":
    app.run()
