# nbfix-corpus: requires=torch
import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import asyncio
    import time

    import torch

    return asyncio, time, torch


@app.cell
async def _(asyncio, time, torch):
    device = "cuda" if torch.cuda.is_available() else "cpu"
    signal = torch.randn(4096, device=device)
    began = time.monotonic()
    spectrum = torch.fft.rfft(signal)
    await asyncio.sleep(0)
    duration = time.monotonic() - began
    print(spectrum.shape)
    return


if __name__ == "__main__":
    app.run()
