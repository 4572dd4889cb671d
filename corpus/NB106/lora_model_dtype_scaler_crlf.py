# nbfix-corpus: requires=torch
import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def __():
    import torch
    return torch,


@app.cell
def __(torch):
    # a frozen float16 base layer
    base = torch.nn.Linear(32, 32).to(dtype=torch.float16)
    base.requires_grad_(False)
    return base,


@app.cell
def __(base, torch):
    class LoRA(torch.nn.Module):
        def __init__(self, features, rank=4):
            super().__init__()
            self.down = torch.nn.Linear(features, rank, bias=False)
            self.up = torch.nn.Linear(rank, features, bias=False)

        def forward(self, x):
            return self.up(self.down(x))

    # the adapter follows the base model's dtype
    adapter = LoRA(32).to(base.weight.dtype)
    return adapter,


@app.cell
def __(adapter, base, torch):
    scaler = torch.amp.GradScaler("cuda", enabled=torch.cuda.is_available())
    optimizer = torch.optim.AdamW(adapter.parameters(), lr=1e-4)
    for _ in range(2):
        x = torch.randn(8, 32, dtype=torch.float16)
        with torch.autocast("cuda", dtype=torch.float16, enabled=torch.cuda.is_available()):
            loss = (base(x) + adapter(x)).float().pow(2).mean()
        scaler.scale(loss).backward()
        scaler.step(optimizer)
        scaler.update()
    return


if __name__ == "__main__":
    app.run()
