import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo
    return (mo,)


@app.cell
def _(mo):
    hyperparameters = mo.ui.dictionary(
        {
            "epochs": mo.ui.number(1, 100, value=10),
            "warmup": mo.ui.switch(label="warmup"),
        }
    )
    total_epochs = hyperparameters.value["epochs"] + (1 if hyperparameters.value["warmup"] else 0)
    hyperparameters
    return


if __name__ == "__main__":
    app.run()
