# nbfix-corpus: requires=torch
import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import torch

    torch.manual_seed(0)
    use_fp16 = torch.cuda.is_available()
    return torch, use_fp16


@app.cell
def _(torch, use_fp16):
    # float32 weights under float16 autocast: a GradScaler is what is missing here
    model = torch.nn.Linear(8, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    for _ in range(3):
        with torch.autocast("cuda", dtype=torch.float16, enabled=use_fp16):
            loss = model(torch.randn(4, 8)).pow(2).mean()
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return


@app.cell
def _(torch, use_fp16):
    # float16 weights: a GradScaler would raise "Attempting to unscale FP16 gradients" (NB106)
    half_model = torch.nn.Linear(8, 1).half()
    half_optimizer = torch.optim.SGD(half_model.parameters(), lr=0.1)
    for _ in range(3):
        with torch.autocast("cuda", dtype=torch.float16, enabled=use_fp16):
            half_loss = half_model(torch.randn(4, 8, dtype=torch.float16)).float().pow(2).mean()
        half_optimizer.zero_grad()
        half_loss.backward()
        half_optimizer.step()
    return


if __name__ == "__main__":
    app.run()
