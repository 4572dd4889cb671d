# nbfix-corpus: requires=torch
import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import time

    import torch

    return time, torch


@app.cell
def _(time, torch):
    device = "cuda" if torch.cuda.is_available() else "cpu"
    encoder = torch.nn.Linear(32, 8).to(device)
    tokens = torch.randn(16, 32, device=device)
    start = time.time(); codes = encoder(tokens); took = time.time() - start
    print(codes.shape)
    return


if __name__ == "__main__":
    app.run()
