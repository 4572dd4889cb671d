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
    return device, torch


@app.cell
def _(device, torch):
    model = torch.nn.Linear(8, 1).to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-2)
    scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=2)
    for _ in range(4):
        optimizer.zero_grad()
        # bfloat16 has float32's exponent range: no loss scaling needed
        with torch.autocast("cuda", dtype=torch.bfloat16, enabled=device == "cuda"):
            loss = model(torch.randn(4, 8, device=device)).pow(2).mean()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        scheduler.step()
    print(f"last loss {loss.item():.4f}")
    return


if __name__ == "__main__":
    app.run()
