# nbfix-corpus: requires=torch
import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo
    import torch

    return mo, torch


@app.cell
def _():
    try:
        import cudf  # RAPIDS only installs on a machine with an NVIDIA GPU

        RAPIDS = True
    except ImportError:
        RAPIDS = False
    return (RAPIDS,)


@app.cell
def _(RAPIDS, mo):
    mo.stop(not RAPIDS, mo.callout(mo.md("Install RAPIDS on a GPU machine."), kind="warn"))
    return


@app.cell
async def _(RAPIDS, mo, torch):
    import asyncio

    mo.stop(not RAPIDS)
    await asyncio.sleep(0)
    embeddings = torch.randn(4, 16, device="cuda")
    print(embeddings.norm().item())
    return


if __name__ == "__main__":
    app.run()
