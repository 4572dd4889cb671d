import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    _cache = {}
    size = len(_cache)
    return size, _cache


@app.cell
def _(size):
    print(size)
    return


if __name__ == "__main__":
    app.run()
