import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _(mo):
    fast = mo.ui.refresh(options=[0.05, "250ms", "2 seconds"], default_interval="2 seconds")
    digits = mo.ui.refresh(options=["5", "10"])
    elsewhere = mo.ui.refresh(options=["1s", "5s"], default_interval="10s")
    tupled = mo.ui.refresh(options=("1s", "5s"))
    mo.vstack([fast, digits, elsewhere, tupled])
    return


if __name__ == "__main__":
    app.run()
