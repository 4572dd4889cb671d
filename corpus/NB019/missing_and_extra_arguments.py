import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _(mo):
    def header(title):
        return mo.md(f"# {title}", "Training dashboard")

    def model_picker():
        return mo.ui.dropdown(label="Model")

    mo.vstack([header("GPU"), model_picker()])
    return


if __name__ == "__main__":
    app.run()
