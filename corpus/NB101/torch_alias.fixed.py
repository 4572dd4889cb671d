# nbfix-corpus: requires=torch
import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import torch as th
    from torch import autocast

    device = "cuda" if th.cuda.is_available() else "cpu"
    amp_enabled = device == "cuda"
    return amp_enabled, autocast, device, th


@app.cell
def _(amp_enabled, autocast, device, th):
    model = th.nn.Linear(8, 1).to(device)
    optimizer = th.optim.SGD(model.parameters(), lr=0.1)
    scaler = th.amp.GradScaler("cuda", enabled=amp_enabled)
    for _ in range(3):
        optimizer.zero_grad()
        with autocast(device_type="cuda", dtype=th.float16, enabled=amp_enabled):
            loss = model(th.randn(4, 8, device=device)).pow(2).mean()
        scaler.scale(loss).backward()
        scaler.step(optimizer)
        scaler.update()
    return


if __name__ == "__main__":
    app.run()
