import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    config = {"lr": 3e-4, "batch_size": 64, "epochs": 3}
    dataset_size = 50_000
    return config, dataset_size


@app.cell
def _(config, dataset_size):
    steps_per_epoch = -(-dataset_size // config["batch_size"])
    return (steps_per_epoch,)


@app.cell
def _(config, dataset_size, steps_per_epoch):
    print(f"{steps_per_epoch} optimizer steps per epoch")
    return


@app.cell
def _(config, steps_per_epoch):
    total_steps = steps_per_epoch * config["epochs"]
    print(f"{total_steps} steps in total")
    return


if __name__ == "__main__":
    app.run()
