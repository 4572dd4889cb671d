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
    temperature = mo.ui.slider(0.1, 2.0, step=0.1, value=1.0, label="temperature")
    temperature
    return (temperature,)


@app.cell
def _(temperature, torch):
    model = torch.load("checkpoints/classifier.pt", weights_only=False)
    model.eval()
    logits = model(torch.zeros(1, 16)) / temperature.value
    return


if __name__ == "__main__":
    app.run()
