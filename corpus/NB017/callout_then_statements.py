import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _(mo):
    mo.callout(mo.md("No GPU found: training on the CPU will be slow"), kind="warn")
    device = "cpu"
    batch_size = 8
    return batch_size, device


@app.cell
def _(batch_size, device):
    print(device, batch_size)
    return


if __name__ == "__main__":
    app.run()
