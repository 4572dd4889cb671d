# nbfix-corpus: requires=torch
import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import asyncio

    import marimo as mo
    import torch

    return asyncio, mo, torch


@app.cell
async def _(asyncio, mo, torch):
    mo.stop(
        not torch.cuda.is_available(),
        mo.callout(mo.md("CUDA is not available: this notebook needs an NVIDIA GPU."), kind="warn"),
    )
    await asyncio.sleep(0)
    frames = torch.rand(2, 3, 32, 32).to("cuda")
    return (frames,)


@app.cell
def _(frames):
    print(frames.mean().item())
    return


if __name__ == "__main__":
    app.run()
