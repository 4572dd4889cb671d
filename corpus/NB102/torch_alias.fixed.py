# nbfix-corpus: requires=torch
import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import torch as th

    device = "cuda" if th.cuda.is_available() else "cpu"
    use_fp16 = device == "cuda"
    return device, th, use_fp16


@app.cell
def _(device, th, use_fp16):
    model = th.nn.Linear(8, 1).to(device)
    optimizer = th.optim.SGD(model.parameters(), lr=0.1)
    scaler = th.amp.GradScaler("cuda", enabled=use_fp16)
    for _ in range(3):
        optimizer.zero_grad()
        with th.amp.autocast("cuda", enabled=use_fp16, dtype=th.float16):
            loss = model(th.randn(4, 8, device=device)).pow(2).mean()
        scaler.scale(loss).backward()
        scaler.unscale_(optimizer)
        th.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        scaler.step(optimizer)
        scaler.update()
    return


if __name__ == "__main__":
    app.run()
