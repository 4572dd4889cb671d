import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _(mo):
    train_button = mo.ui.run_button(label="Train")
    train_button
    return (train_button,)


@app.cell
def _(mo, train_button):
    mo.stop(not train_button.value, mo.md("Press **Train** to start the run"))
    epochs = 3
    print(f"training for {epochs} epochs")
    return


if __name__ == "__main__":
    app.run()
