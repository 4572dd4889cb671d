import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import numpy as np
    return (np,)


@app.cell
def _(np):
    weights = np.zeros(4)
    order = np.arange(4)[::-1]
    return order, weights


@app.cell
def _(order, weights):
    # normalise in place, then sort the order array in place too
    weights[0] = 1.0
    if weights.sum() > 0:
        order.sort()
    return


@app.cell
def _(order, weights):
    print(weights, order)
    return


if __name__ == "__main__":
    app.run()
