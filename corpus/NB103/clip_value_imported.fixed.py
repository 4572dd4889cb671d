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
    from torch.nn.utils import clip_grad_value_

    model = torch.nn.Linear(8, 1).to(device)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    amp_scaler = torch.amp.GradScaler("cuda", enabled=use_fp16)
    for _ in range(3):
        with torch.amp.autocast("cuda", dtype=torch.float16, enabled=use_fp16):
            loss = model(torch.randn(4, 8, device=device)).pow(2).mean()
        opt.zero_grad()
        amp_scaler.scale(loss).backward(); amp_scaler.unscale_(opt); clip_grad_value_(model.parameters(), 0.5)
        amp_scaler.step(opt)
        amp_scaler.update()
    return


if __name__ == "__main__":
    app.run()
