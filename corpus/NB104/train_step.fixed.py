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
def _(torch):
    model = torch.nn.Linear(128, 1).cuda()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    features = torch.randn(256, 128).cuda()
    return features, model, optimizer


@app.cell
def _(features, model, optimizer, time, torch):
    t0 = time.time()
    for step in range(10):
        optimizer.zero_grad()
        loss = model(features).pow(2).mean()
        loss.backward()
        optimizer.step()
    torch.cuda.synchronize()
    step_time = (time.time() - t0) / 10
    print(f"{step_time * 1e3:.2f} ms per step")
    return


if __name__ == "__main__":
    app.run()
