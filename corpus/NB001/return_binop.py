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
        return x + 1
    else:
        return x - 1


if __name__ == "__main__":
    app.run()
