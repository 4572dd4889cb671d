# nbfix-corpus: requires=torch
import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return


@app.cell
def _():
    import torch

    return (torch,)


@app.cell
def _():
    device = "cuda"
    batch_size = 4
    return batch_size, device


@app.cell
def _(batch_size, device, torch):
    embeddings = torch.zeros(batch_size, 8).to(device)
    return (embeddings,)


@app.cell
def _(embeddings):
    print(embeddings.sum().item())
    return


if __name__ == "__main__":
    app.run()
