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

    @torch.amp.autocast("cuda", enabled=use_fp16, dtype=torch.bfloat16)
    def predict(batch):
        return model(batch)

    print(predict(torch.randn(4, 8, device=device)).shape)
    return


if __name__ == "__main__":
    app.run()
