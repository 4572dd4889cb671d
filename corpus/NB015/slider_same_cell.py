import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo
    return (mo,)


@app.cell
def _(mo):
    learning_rate = mo.ui.slider(0.0001, 0.1, step=0.0001, value=0.001, label="learning rate")
    steps_per_epoch = 1000 if learning_rate.value > 0.01 else 4000
    learning_rate
    return


if __name__ == "__main__":
    app.run()
