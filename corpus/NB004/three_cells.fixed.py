import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    _batch = [1, 2, 3]
    print(sum(_batch))
    return


@app.cell
def _():
    _batch = [4, 5]
    print(len(_batch))
    return


@app.cell
def _():
    _batch = []
    print(_batch or "empty")
    return


if __name__ == "__main__":
    app.run()
