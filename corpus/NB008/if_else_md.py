import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _():
    gpu_available = False  # torch.cuda.is_available() on a GPU node
    return (gpu_available,)


@app.cell
def _(gpu_available, mo):
    if gpu_available:
        mo.md("Running on the **GPU**")
    else:
        mo.callout(mo.md("No GPU found: running on the CPU"), kind="warn")
    return


if __name__ == "__main__":
    app.run()
