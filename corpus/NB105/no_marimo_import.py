# nbfix-corpus: requires=torch
import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import torch

    return (torch,)


@app.cell
def _(torch):
    table = torch.arange(10).cuda()
    print(table.sum().item())
    return


if __name__ == "__main__":
    app.run()
