import marimo

__generated_with = "0.8.22"
app = marimo.App(width="medium")


@app.cell
def __():
    import marimo as mo
    return mo,


@app.cell
def __(mo):
    epochs = mo.ui.slider(1, 20, value=3, label="epochs")
    return epochs,


@app.cell
def __(epochs):
    total_steps = epochs.value * 100
    print(total_steps)
    return


if __name__ == "__main__":
    app.run()
