# /// script
# requires-python = ">=3.11"
# dependencies = [
#     "marimo>=0.25",
#     "torch>=2.4",
# ]
# ///

import marimo

__generated_with = "0.25.2"
app = marimo.App(width="medium")


@app.cell
def _():
    import marimo as mo
    import torch
    return mo, torch


@app.cell
def _(mo):
    noise = mo.ui.slider(0.0, 1.0, step=0.1, value=0.0)
    noise
    return (noise,)


@app.cell
def _(noise, torch):
    vae = torch.load("vae.pt")
    sample = vae.decode(torch.randn(1, 4) * noise.value)
    return


if __name__ == "__main__":
    app.run()
