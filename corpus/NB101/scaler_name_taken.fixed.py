# nbfix-corpus: requires=torch
import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import torch

    torch.manual_seed(0)
    device = "cuda" if torch.cuda.is_available() else "cpu"
    use_fp16 = device == "cuda"
    return device, torch, use_fp16


@app.cell
def _():
    scaler = 0.5  # weight of the auxiliary loss
    return (scaler,)


@app.cell
def _(device, scaler, torch, use_fp16):
    model = torch.nn.Linear(8, 2).to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    grad_scaler = torch.amp.GradScaler("cuda", enabled=use_fp16)
    for _ in range(3):
        optimizer.zero_grad()
        with torch.autocast("cuda", dtype=torch.float16, enabled=use_fp16):
            out = model(torch.randn(4, 8, device=device))
            loss = out[:, 0].pow(2).mean() + scaler * out[:, 1].pow(2).mean()
        grad_scaler.scale(loss).backward()
        grad_scaler.step(optimizer)
        grad_scaler.update()
    return


if __name__ == "__main__":
    app.run()
