import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    NUM_GPUS = 0
    return (NUM_GPUS,)


@app.cell
def _(num_gpus):
    if num_gpus > 0:
        device = "cuda"
        print(f"training on {device}", num_gpus, "GPUs")
    else:
        device = "cpu"
        print(f"no GPU: training on {device}")
    return (device,)


@app.cell
def _(device):
    print(f"device = {device}")
    return


if __name__ == "__main__":
    app.run()
