import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    threshold = 0.5
    return (threshold,)


@app.cell
def _():
    threshold = 0.9
    return (threshold,)


@app.cell
def _(threshold):
    print(threshold)
    return


if __name__ == "__main__":
    app.run()
