import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import asyncio

    import marimo as mo
    import torch
    return asyncio, mo, torch


@app.cell
def _(mo):
    steps = mo.ui.slider(1, 100, value=10)
    steps
    return (steps,)


@app.cell
async def _(asyncio, steps, torch):
    await asyncio.sleep(0)
    state_dict = torch.load("weights.pt", map_location="cpu")
    print(len(state_dict), steps.value)
    return


if __name__ == "__main__":
    app.run()
