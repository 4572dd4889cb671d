# /// script
# requires-python = ">=3.10"
# dependencies = [
#     "marimo",
#     "torch",
# ]
# ///
# nbfix-corpus: requires=torch

import marimo

__generated_with = "0.25.2"
app = marimo.App(width="medium")


@app.cell
def _():
    import timeit

    import torch

    return timeit, torch


@app.cell
def _(timeit, torch):
    device = "cuda:0" if torch.cuda.is_available() else "cpu"
    images = torch.rand(8, 3, 64, 64).to(device)
    conv = torch.nn.Conv2d(3, 16, 3).to(device)
    tic = timeit.default_timer()
    features = conv(images)
    print(f"conv: {timeit.default_timer() - tic:.4f} s")
    return


if __name__ == "__main__":
    app.run()
