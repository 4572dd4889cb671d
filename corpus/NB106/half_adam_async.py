# nbfix-corpus: requires=torch
import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import asyncio

    import torch

    torch.manual_seed(0)
    return asyncio, torch


@app.cell
def _(torch):
    net = torch.nn.Sequential(
        torch.nn.Linear(8, 16),
        torch.nn.ReLU(),
        torch.nn.Linear(16, 1),
    )
    net.half()  # "to save memory"
    return (net,)


@app.cell
async def _(asyncio, net, torch):
    adam = torch.optim.Adam(net.parameters(), lr=1e-3)
    for _step in range(3):
        inputs = torch.randn(4, 8, dtype=torch.float16)
        loss = net(inputs).float().pow(2).mean()
        adam.zero_grad()
        loss.backward()
        adam.step()
        await asyncio.sleep(0)
    return


if __name__ == "__main__":
    app.run()
