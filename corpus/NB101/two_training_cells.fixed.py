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
def _(device, torch, use_fp16):
    small = torch.nn.Linear(8, 1).to(device)
    small_opt = torch.optim.SGD(small.parameters(), lr=0.1)
    scaler = torch.amp.GradScaler("cuda", enabled=use_fp16)
    for _ in range(3):
        with torch.autocast("cuda", enabled=use_fp16):
            small_loss = small(torch.randn(4, 8, device=device)).pow(2).mean()
        small_opt.zero_grad()
        scaler.scale(small_loss).backward()
        scaler.step(small_opt)
        scaler.update()
    return


@app.cell
def _(device, torch, use_fp16):
    wide = torch.nn.Linear(8, 4).to(device)
    wide_opt = torch.optim.SGD(wide.parameters(), lr=0.1)
    grad_scaler = torch.amp.GradScaler("cuda", enabled=use_fp16)
    for _ in range(3):
        with torch.autocast("cuda", enabled=use_fp16):
            wide_loss = wide(torch.randn(4, 8, device=device)).pow(2).mean()
        wide_opt.zero_grad()
        grad_scaler.scale(wide_loss).backward()
        grad_scaler.step(wide_opt)
        grad_scaler.update()
    return


if __name__ == "__main__":
    app.run()
