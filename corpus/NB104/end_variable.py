# nbfix-corpus: requires=torch
import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    from time import perf_counter

    import torch

    return perf_counter, torch


@app.cell
def _(torch):
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    weights = torch.randn(256, 256).to(device)
    return (weights,)


@app.cell
def _(perf_counter, weights):
    def benchmark(repeats):
        begin = perf_counter()
        for _ in range(repeats):
            product = weights @ weights
        end = perf_counter()
        return (end - begin) / repeats, product.shape

    per_call, shape = benchmark(5)
    print(shape)
    return


if __name__ == "__main__":
    app.run()
