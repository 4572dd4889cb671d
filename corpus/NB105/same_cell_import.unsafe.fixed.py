# nbfix-corpus: requires=torch
import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _(mo):
    import math

    import torch

    mo.stop(
        not torch.cuda.is_available(),
        mo.callout(mo.md("CUDA is not available: this notebook needs an NVIDIA GPU."), kind="warn"),
    )
    # Everything below runs on the first GPU.
    gpu = torch.device("cuda:0")
    scale = math.sqrt(2.0)
    return gpu, scale, torch


@app.cell
def _(gpu, scale, torch):
    noise = torch.randn(3, device=gpu) * scale
    print(noise.shape)
    return


if __name__ == "__main__":
    app.run()
