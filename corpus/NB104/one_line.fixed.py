# nbfix-corpus: requires=cuda
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
    encoder = torch.nn.Linear(32, 8).cuda()
    tokens = torch.randn(16, 32).cuda()
    start = time.time(); codes = encoder(tokens); torch.cuda.synchronize(); took = time.time() - start
    print(codes.shape)
    return


if __name__ == "__main__":
    app.run()
