# nbfix-corpus: requires=torch
import marimo

__generated_with = "0.25.2"
app = marimo.App()


with app.setup:
    import torch
    from torch import amp

    device = "cuda" if torch.cuda.is_available() else "cpu"
    use_fp16 = device == "cuda"


@app.cell
def _():
    model = torch.nn.Linear(8, 1).to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    scaler = amp.GradScaler("cuda", enabled=use_fp16)
    for _ in range(3):
        optimizer.zero_grad()
        with amp.autocast("cuda", enabled=use_fp16):
            loss = model(torch.randn(4, 8, device=device)).pow(2).mean()
        scaler.scale(loss).backward()
        scaler.step(optimizer)
        scaler.update()
    return


if __name__ == "__main__":
    app.run()
