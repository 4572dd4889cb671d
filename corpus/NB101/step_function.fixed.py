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
    model = torch.nn.Linear(8, 1).to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)

    scaler = torch.amp.GradScaler("cuda", enabled=use_fp16)

    def train_step(batch):
        """One optimizer step; called once per batch."""
        optimizer.zero_grad()
        with torch.autocast("cuda", dtype=torch.float16, enabled=use_fp16):
            loss = model(batch).pow(2).mean()
        scaler.scale(loss).backward()
        scaler.step(optimizer)
        scaler.update()
        return loss.item()

    losses = [train_step(torch.randn(4, 8, device=device)) for _ in range(3)]
    print(len(losses))
    return


if __name__ == "__main__":
    app.run()
