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
def _(device, torch):
    model = torch.nn.Sequential(torch.nn.Linear(8, 16), torch.nn.ReLU(), torch.nn.Linear(16, 1)).to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
    inputs = torch.randn(32, 8, device=device)
    targets = torch.randn(32, 1, device=device)
    return inputs, model, optimizer, targets


@app.cell
def _(inputs, model, optimizer, targets, torch, use_fp16):
    loss_fn = torch.nn.MSELoss()

    # Two epochs of mini-batches.
    scaler = torch.amp.GradScaler("cuda", enabled=use_fp16)
    for epoch in range(2):
        for start in range(0, 32, 8):
            x, y = inputs[start : start + 8], targets[start : start + 8]
            optimizer.zero_grad(set_to_none=True)
            with torch.autocast("cuda", enabled=use_fp16):
                prediction = model(x)
            loss = loss_fn(prediction.float(), y)  # the loss in float32
            scaler.scale(loss).backward()
            scaler.step(optimizer)
            scaler.update()
        print(f"epoch {epoch}: {loss.item():.4f}")
    return


if __name__ == "__main__":
    app.run()
