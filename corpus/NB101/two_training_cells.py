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
    small = torch.nn.Linear(8, 1).to(device)
    small_opt = torch.optim.SGD(small.parameters(), lr=0.1)
    for _ in range(3):
        with torch.autocast("cuda", enabled=use_fp16):
            small_loss = small(torch.randn(4, 8, device=device)).pow(2).mean()
        small_opt.zero_grad()
        small_loss.backward()
        small_opt.step()
    return


@app.cell
def _(device, torch, use_fp16):
    wide = torch.nn.Linear(8, 4).to(device)
    wide_opt = torch.optim.SGD(wide.parameters(), lr=0.1)
    for _ in range(3):
        with torch.autocast("cuda", enabled=use_fp16):
            wide_loss = wide(torch.randn(4, 8, device=device)).pow(2).mean()
        wide_opt.zero_grad()
        wide_loss.backward()
        wide_opt.step()
    return


if __name__ == "__main__":
    app.run()
