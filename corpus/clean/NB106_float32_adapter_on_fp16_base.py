# nbfix-corpus: requires=torch
import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import torch

    torch.manual_seed(0)
    return (torch,)


@app.cell
def _(torch):
    # The frozen base model is float16; only the adapter below is trained.
    base = torch.nn.Linear(16, 16).half()
    for _p in base.parameters():
        _p.requires_grad = False
    return (base,)


@app.cell
def _(torch):
    # The adapter stays float32: the optimizer updates float32 weights.
    adapter = torch.nn.Sequential(
        torch.nn.Linear(16, 2, bias=False),
        torch.nn.Linear(2, 16, bias=False),
    )
    optimizer = torch.optim.AdamW(
        [p for p in adapter.parameters() if p.requires_grad], lr=1e-3
    )
    return adapter, optimizer


@app.cell
def _(adapter, base, optimizer, torch):
    for _ in range(3):
        x = torch.randn(4, 16)
        loss = (base(x.half()).float() + adapter(x)).pow(2).mean()
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    print(f"{loss.item():.3f}")
    return


@app.cell
def _(torch):
    # bfloat16 weights have float32's range: training them is fine.
    small = torch.nn.Linear(4, 1).to(dtype=torch.bfloat16)
    sgd = torch.optim.SGD(small.parameters(), lr=0.1)
    small(torch.randn(2, 4, dtype=torch.bfloat16)).float().sum().backward()
    sgd.step()
    return


if __name__ == "__main__":
    app.run()
