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
    generator = torch.nn.Linear(4, 8).to(device)
    critic = torch.nn.Linear(8, 1).to(device)
    opt_g = torch.optim.Adam(generator.parameters(), lr=1e-3)
    opt_d = torch.optim.Adam(critic.parameters(), lr=1e-3)
    for _ in range(3):
        noise = torch.randn(16, 4, device=device)
        with torch.autocast("cuda", dtype=torch.float16, enabled=use_fp16):
            d_loss = critic(generator(noise).detach()).mean()
        opt_d.zero_grad()
        d_loss.backward()
        opt_d.step()
        with torch.autocast("cuda", dtype=torch.float16, enabled=use_fp16):
            g_loss = -critic(generator(noise)).mean()
        opt_g.zero_grad()
        g_loss.backward()
        opt_g.step()
    return


if __name__ == "__main__":
    app.run()
