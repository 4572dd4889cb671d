import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo
    return (mo,)


@app.cell
def _(mo):
    temperature = mo.ui.slider(0.0, 2.0, step=0.1, value=0.7, label="temperature")
    reset = mo.ui.run_button(label="reset")
    mo.hstack([temperature, reset])
    return reset, temperature


@app.cell
def _(reset, temperature):
    if reset.value:
        temperature.value = 0.7  # reset to the default
    return


if __name__ == "__main__":
    app.run()
