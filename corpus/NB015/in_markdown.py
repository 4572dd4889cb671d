import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo
    return (mo,)


@app.cell
def _(mo):
    epochs = mo.ui.slider(1, 50, value=5, label="epochs")
    mo.md(f"Train for {epochs} -> {epochs.value} epochs")
    return


if __name__ == "__main__":
    app.run()
