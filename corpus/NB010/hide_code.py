import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo
    return (mo,)


@app.cell(hide_code=True)
def _(mo):
    model_name = mo.ui.dropdown(
        ["resnet18", "resnet50"],
        value="resnet18",
        on_change=lambda name: print("switching to", name),  # keep the console informed
    )
    model_name
    return


if __name__ == "__main__":
    app.run()
