# nbfix-corpus: requires=torch
import marimo

__generated_with = "0.25.2"
app = marimo.App()

with app.setup:
    import marimo as mo
    import torch

    DEVICE = torch.device("cuda")


@app.cell
def _():
    ones = torch.ones(2, device=DEVICE)
    mo.md(f"{ones.sum().item()}")
    return


if __name__ == "__main__":
    app.run()
