import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo
    return (mo,)


@app.cell
def _(mo):
    model = mo.ui.dropdown(
        options={"Small": "gpt2", "Medium": "gpt2-medium", "Large": "gpt2-large"},
        value="Medium",
    )
    model
    return (model,)


@app.cell
def _(model):
    fits_on_cpu = model.value in ("gpt2", "Medium")
    too_big = model.value not in [
        "gpt2",
        "gpt2-medium",
    ]
    print(fits_on_cpu, too_big)
    return


if __name__ == "__main__":
    app.run()
