import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo
    return (mo,)


@app.cell
def _(mo):
    model_name = mo.ui.dropdown(["small", "large"], value="small")
    model_name
    return (model_name,)


@app.cell
def _(model_name):
    model_name.value = "large"
    return


if __name__ == "__main__":
    app.run()
