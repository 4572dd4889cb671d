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


@app.function
async def batch_stream(device, torch):
    for _ in range(3):
        yield torch.randn(4, 8, device=device)


@app.cell
async def _(device, torch, use_fp16):
    import asyncio

    model = torch.nn.Linear(8, 1).to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    scaler = torch.amp.GradScaler("cuda", enabled=use_fp16)
    async for batch in batch_stream(device, torch):
        with torch.autocast("cuda", dtype=torch.float16, enabled=use_fp16):
            loss = model(batch).pow(2).mean()
        optimizer.zero_grad()
        scaler.scale(loss).backward()
        scaler.step(optimizer)
        scaler.update()
        await asyncio.sleep(0)
    return


if __name__ == "__main__":
    app.run()
