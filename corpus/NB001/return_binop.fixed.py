import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    GPU_COUNT = 0
    x = 41
    return GPU_COUNT, x


@app.cell
def _(GPU_COUNT, x):
    if GPU_COUNT > 0:
        pass
    else:
        pass
    return


if __name__ == "__main__":
    app.run()
