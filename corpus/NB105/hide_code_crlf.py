# nbfix-corpus: requires=torch
import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo
    import torch

    return (torch,)


@app.cell(hide_code=True)
def _(torch):

    # the lookup table lives on the GPU
    lookup = torch.arange(16, device="cuda")
    return (lookup,)


@app.cell
def _(lookup):
    print(lookup[:4].tolist())
    return


if __name__ == "__main__":
    app.run()
