# nbfix-corpus: requires=torch
import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import torch
    import torch.amp as cuda_amp
    from torch.amp import autocast as mixed_precision

    device = "cuda" if torch.cuda.is_available() else "cpu"
    use_fp16 = device == "cuda"
    return cuda_amp, device, mixed_precision, torch, use_fp16


@app.cell
def _(cuda_amp, device, mixed_precision, torch, use_fp16):
    model = torch.nn.Linear(8, 1).to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    scaler = cuda_amp.GradScaler("cuda", enabled=use_fp16)
    for _ in range(3):
        optimizer.zero_grad()
        with mixed_precision("cuda", enabled=use_fp16, dtype=torch.float16):
            loss = model(torch.randn(4, 8, device=device)).pow(2).mean()
        scaler.scale(loss).backward()
        scaler.step(optimizer)
        scaler.update()
    return


if __name__ == "__main__":
    app.run()
