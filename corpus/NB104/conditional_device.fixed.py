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
def _(torch):
    device = "cuda" if torch.cuda.is_available() else "cpu"
    model = torch.nn.Sequential(torch.nn.Linear(64, 64), torch.nn.ReLU()).to(device)
    batch = torch.randn(32, 64, device=device)
    return batch, model


@app.cell
def _(batch, model, time, torch):
    with torch.no_grad():
        start = time.perf_counter()
        for _ in range(20):
            output = model(batch)
        if torch.cuda.is_available():
            torch.cuda.synchronize()
        elapsed = time.perf_counter() - start
    print(f"forward: {elapsed / 20 * 1e3:.3f} ms, output {tuple(output.shape)}")
    return


if __name__ == "__main__":
    app.run()
