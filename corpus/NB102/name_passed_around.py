# nbfix-corpus: requires=torch
import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import contextlib

    import torch
    from torch.cuda.amp import autocast

    device = "cuda" if torch.cuda.is_available() else "cpu"
    use_fp16 = device == "cuda"
    context = autocast if use_fp16 else contextlib.nullcontext
    return autocast, context, device, torch, use_fp16


@app.cell
def _(autocast, context, device, torch, use_fp16):
    model = torch.nn.Linear(8, 1).to(device)
    with context():
        first = model(torch.randn(4, 8, device=device))
    with autocast(enabled=use_fp16):
        second = model(torch.randn(4, 8, device=device))
    print(first.shape, second.shape)
    return


if __name__ == "__main__":
    app.run()
