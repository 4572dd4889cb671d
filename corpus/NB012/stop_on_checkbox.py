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
    enabled = mo.ui.checkbox(label="run inference")
    batch = mo.ui.slider(1, 64, value=8)
    mo.hstack([enabled, batch])
    return batch, enabled


@app.cell
def _(batch, enabled, mo, torch):
    # a checkbox is not a run button: while it is ticked, every change reloads
    mo.stop(not enabled.value)
    model = torch.load("model.pt")
    outputs = model(torch.zeros(batch.value, 3))
    return


if __name__ == "__main__":
    app.run()
