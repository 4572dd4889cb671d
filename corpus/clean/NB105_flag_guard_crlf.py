# nbfix-corpus: requires=torch
import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def __():
    import os

    import marimo as mo
    import torch
    return mo, os, torch


@app.cell
def __(os):
    # set by the launcher script on GPU nodes
    HAS_GPU = os.environ.get("DEMO_GPU_NODE") == "1"
    return HAS_GPU,


@app.cell
def __(HAS_GPU, mo):
    if not HAS_GPU:
        _message = mo.md("Start this notebook on a GPU node.")
    else:
        _message = mo.md("GPU node: ready.")
    _message
    return


@app.cell(hide_code=True)
def __(HAS_GPU, mo, torch):
    mo.stop(not HAS_GPU)
    layer = torch.nn.Linear(4, 4).cuda()
    print(layer.weight.device)
    return


if __name__ == "__main__":
    app.run()
