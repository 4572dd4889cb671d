# nbfix-corpus: requires=torch
import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import torch

    half = torch.float16
    return half, torch


@app.cell
def _(half, torch):
    encoder = torch.nn.Linear(16, 4).to("cpu", half)
    sgd = torch.optim.SGD([{"params": encoder.parameters(), "lr": 0.01}])
    return encoder, sgd


@app.cell
def _(torch):
    def train(model, optimizer, steps):
        for _ in range(steps):
            # float16 autocast, but no GradScaler: NB101 stays silent, the weights are float16
            with torch.autocast("cuda", dtype=torch.float16):
                loss = model(torch.randn(2, 16, dtype=torch.float16)).float().sum()
            loss.backward()
            optimizer.step()
            optimizer.zero_grad()

    return (train,)


@app.cell
def _(encoder, sgd, train):
    train(encoder, sgd, steps=2)
    return


if __name__ == "__main__":
    app.run()
