# nbfix-corpus: requires=torch
import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import importlib.util

    import marimo as mo
    import torch

    return importlib, mo, torch


@app.cell
def _(importlib):
    if importlib.util.find_spec("cupy") is not None:
        import cupy as cp

        n_devices = cp.cuda.runtime.getDeviceCount()
    else:
        n_devices = 0
    return (n_devices,)


@app.cell
def _(mo, n_devices, torch):
    mo.stop(n_devices == 0, mo.md("CuPy sees no GPU; nothing to benchmark."))
    batch = torch.rand(8, 3).to("cuda")
    print(batch.shape)
    return


if __name__ == "__main__":
    app.run()
