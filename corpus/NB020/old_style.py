import marimo

__generated_with = "0.8.22"
app = marimo.App(width="medium")


@app.cell
def __():
    import marimo as mo
    return mo,


@app.cell
def __(mo):
    optimizer = mo.ui.dropdown({"Adam": "adam", "SGD with momentum": "sgd"}, value="Adam")
    optimizer
    return optimizer,


@app.cell
def __(optimizer):
    uses_momentum = optimizer.value == 'SGD with momentum'
    print(uses_momentum)
    return


if __name__ == "__main__":
    app.run()
