# nbfix-corpus: requires=torch
import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import time

    import torch

    return time, torch


@app.cell(hide_code=True)
def _(time, torch):
    device = "cuda" if torch.cuda.is_available() else "cpu"
    left = torch.rand(512, 512, device=device)
    start = time.perf_counter()
    right = torch.matmul(left, left.T)

    if torch.cuda.is_available():
        torch.cuda.synchronize()
    # stop the clock
    seconds = time.perf_counter() - start
    print(right.shape)
    return


if __name__ == "__main__":
    app.run()
