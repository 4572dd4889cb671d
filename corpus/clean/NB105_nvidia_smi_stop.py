# nbfix-corpus: requires=torch
import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import subprocess

    import marimo as mo
    import torch

    return mo, subprocess, torch


@app.cell
def _(subprocess):
    def gpu_list():
        """The GPUs `nvidia-smi -L` lists; empty without a driver."""
        try:
            listed = subprocess.run(
                ["nvidia-smi", "-L"], capture_output=True, text=True, check=True
            )
        except (FileNotFoundError, subprocess.CalledProcessError):
            return ""
        return listed.stdout.strip()

    gpus = gpu_list()
    return (gpus,)


@app.cell(hide_code=True)
def _(gpus, mo):
    mo.stop(
        not gpus,
        mo.callout(mo.md("No NVIDIA GPU found: this demo needs one."), kind="danger"),
    )
    mo.md(f"Running on:\n\n```\n{gpus}\n```")
    return


@app.cell
def _(gpus, mo, torch):
    mo.stop(not gpus)
    # every tensor below lives on the GPU
    weights = torch.randn(64, 64).cuda()
    print((weights @ weights).sum().item())
    return


if __name__ == "__main__":
    app.run()
