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
    def train(model, optimizer, steps, max_norm=None):
        scaler = torch.amp.GradScaler("cuda", enabled=use_fp16)
        for _ in range(steps):
            optimizer.zero_grad()
            with torch.autocast("cuda", enabled=use_fp16):
                loss = model(torch.randn(4, 8, device=device)).pow(2).mean()
            scaler.scale(loss).backward()
            if max_norm is not None:
                # clip the encoder and the head separately
                torch.nn.utils.clip_grad_norm_(model[0].parameters(), max_norm)
                torch.nn.utils.clip_grad_norm_(model[1].parameters(), max_norm)
            scaler.step(optimizer)
            scaler.update()
        return loss.item()

    net = torch.nn.Sequential(torch.nn.Linear(8, 8), torch.nn.Linear(8, 1)).to(device)
    print(f"{train(net, torch.optim.SGD(net.parameters(), lr=0.1), 3, max_norm=1.0):.4f}")
    return


if __name__ == "__main__":
    app.run()
