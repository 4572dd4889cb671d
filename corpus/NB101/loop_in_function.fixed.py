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
    def train(model, optimizer, batches):
        """Train for one pass over `batches`; returns the last loss."""
        scaler = torch.amp.GradScaler("cuda", enabled=use_fp16)
        for batch in batches:
            optimizer.zero_grad()
            with torch.amp.autocast("cuda", dtype=torch.float16, enabled=use_fp16):
                loss = model(batch).pow(2).mean()
            scaler.scale(loss).backward()
            scaler.step(optimizer)
            scaler.update()
        return loss.item()

    model = torch.nn.Linear(8, 1).to(device)
    last = train(model, torch.optim.SGD(model.parameters(), lr=0.1), [torch.randn(4, 8, device=device)] * 3)
    print(f"last loss {last:.4f}")
    return


if __name__ == "__main__":
    app.run()
