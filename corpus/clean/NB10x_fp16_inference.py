# /// script
# requires-python = ">=3.10"
# dependencies = [
#     "marimo",
#     "torch",
# ]
# ///

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
    inputs = torch.randn(16, 8, device=device)

    # Half-precision inference only: a baseline before training.
    with torch.no_grad(), torch.autocast("cuda", dtype=torch.float16, enabled=use_fp16):
        baseline = model(inputs).pow(2).mean()

    # Training itself runs in float32.
    for _ in range(3):
        optimizer.zero_grad()
        loss = model(inputs).pow(2).mean()
        loss.backward()
        optimizer.step()
    print(f"{baseline.item():.4f} -> {loss.item():.4f}")
    return


if __name__ == "__main__":
    app.run()
