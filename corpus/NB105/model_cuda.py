# nbfix-corpus: requires=torch
import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo
    import torch

    return mo, torch


@app.cell
def _(torch):
    classifier = torch.nn.Linear(16, 4).cuda()
    samples = torch.randn(8, 16).cuda()
    return classifier, samples


@app.cell
def _(classifier, samples):
    logits = classifier(samples)
    print(logits.argmax(dim=1).tolist())
    return


@app.cell
def _(mo):
    mo.md("The classifier runs on the GPU.")
    return


if __name__ == "__main__":
    app.run()
