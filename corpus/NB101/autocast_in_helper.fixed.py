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
def _(torch, use_fp16):
    def forward_loss(model, batch):
        with torch.autocast("cuda", dtype=torch.float16, enabled=use_fp16):
            return model(batch).pow(2).mean()

    return (forward_loss,)


@app.cell
def _(device, forward_loss, torch, use_fp16):
    net = torch.nn.Linear(8, 1).to(device)
    opt = torch.optim.SGD(net.parameters(), lr=0.05)
    scaler = torch.amp.GradScaler("cuda", enabled=use_fp16)
    for _ in range(3):
        loss = forward_loss(net, torch.randn(4, 8, device=device))
        opt.zero_grad()
        scaler.scale(loss).backward()
        scaler.step(opt)
        scaler.update()
    return


if __name__ == "__main__":
    app.run()
