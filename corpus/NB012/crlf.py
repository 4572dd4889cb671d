import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo
    import torch
    return mo, torch


@app.cell
def _(mo):
    top_k = mo.ui.number(1, 10, value=3)
    top_k
    return (top_k,)


@app.cell
def _(top_k, torch):
    checkpoint = torch.load("best.pt")
    print(checkpoint["epoch"], top_k.value)
    return


if __name__ == "__main__":
    app.run()
