import marimo

__generated_with = "0.8.22"
app = marimo.App()


@app.cell
def __():
    import marimo as mo
    import torch
    return mo, torch


@app.cell
def __(mo):
    speed = mo.ui.slider(1, 5, value=1)
    speed
    return speed,


@app.cell
def __(speed, torch):
    policy = torch.load("policy.pt")
    action = policy(torch.tensor([speed.value]))
    return


if __name__ == "__main__":
    app.run()
