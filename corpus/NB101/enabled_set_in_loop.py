# nbfix-corpus: requires=torch
import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import torch

    device = "cuda" if torch.cuda.is_available() else "cpu"
    return device, torch


@app.cell
def _(device, torch):
    model = torch.nn.Linear(8, 1).to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    for step in range(4):
        warmup = step < 2
        with torch.autocast("cuda", enabled=device == "cuda" and not warmup):
            loss = model(torch.randn(4, 8, device=device)).pow(2).mean()
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return


if __name__ == "__main__":
    app.run()
