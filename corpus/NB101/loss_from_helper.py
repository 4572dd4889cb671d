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
def _(torch):
    def compute_loss(model, batch):
        """Mean squared activation: a stand-in for a real objective."""
        return model(batch).pow(2).mean()

    model = torch.nn.Linear(8, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05)
    return compute_loss, model, optimizer


@app.cell
def _(compute_loss, device, model, optimizer, torch, use_fp16):
    model.to(device)
    for step in range(3):
        with torch.amp.autocast("cuda", dtype=torch.float16, enabled=use_fp16):
            loss = compute_loss(model, torch.randn(4, 8, device=device))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return


if __name__ == "__main__":
    app.run()
