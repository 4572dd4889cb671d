import marimo

__generated_with = "0.1.0"
app = marimo.App()


@app.cell
def __():
    import marimo as mo
    return mo,


@app.cell
def __(mo):
    threshold = mo.ui.slider(0, 10, value=3)
    threshold
    return threshold,


@app.cell
def __(threshold):
    for value in range(threshold.value)
        print(value)
    return


if __name__ == "__main__":
    app.run()
