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
    losses = []
    if train_button.value:
        mo.md("### Training in progress...")
        for _epoch in range(3):
            losses.append(1.0 / (_epoch + 1))
        mo.md("Training finished")  # the loop above takes minutes on real data
        model_ready = True
    else:
        model_ready = False
    return


if __name__ == "__main__":
    app.run()
