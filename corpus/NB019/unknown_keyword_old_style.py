import marimo

__generated_with = "0.8.22"
app = marimo.App(width="medium")


@app.cell
def __():
    import marimo as mo
    return mo,


@app.cell
def __(mo):
    lr = mo.ui.slider(
        1, 10,
        lable="Learning rate",  # a typo of `label`
    )
    lr
    return lr,


@app.cell
def __(lr):
    print(lr.value)
    return


if __name__ == "__main__":
    app.run()
