import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    batch_size = 64
    return (batch_size,)


@app.cell
def make_loader(batch_size, shuffle):
    loader_config = {"batch_size": batch_size, "drop_last": True}
    return (loader_config,)


@app.cell
def _(loader_config):
    print(loader_config)
    return


if __name__ == "__main__":
    app.run()
