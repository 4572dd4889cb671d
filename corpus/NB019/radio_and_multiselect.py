import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _(mo):
    device = mo.ui.radio(["cpu", "cuda"], value="gpu")
    metrics = mo.ui.multiselect(["loss", "accuracy"], value=["loss", "f1"])
    columns = mo.ui.multiselect(["loss", "lr"], value="loss")
    mo.vstack([device, metrics, columns])
    return


if __name__ == "__main__":
    app.run()
