import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _():
    gpu_available = False
    losses = [2.31, 1.87, 1.52]
    return gpu_available, losses


@app.cell
def _(gpu_available, mo):
    _output = mo.md("GPU") if gpu_available else mo.md("CPU")
    _output
    return


@app.cell
def _(gpu_available, mo):
    if gpu_available:
        banner = mo.md("Running on the GPU")
    else:
        banner = mo.callout(mo.md("Running on the CPU"), kind="warn")
    banner
    return


@app.cell
def _(gpu_available, mo):
    if gpu_available:
        mo.output.replace(mo.md("GPU"))
    else:
        mo.output.replace(mo.md("CPU"))
    return


@app.cell
def _(gpu_available):
    if gpu_available:
        print("using the GPU")
    else:
        print("using the CPU")
    return


@app.cell
def _(gpu_available, mo):
    if not gpu_available:
        _ = mo.md("kept for later, hidden on purpose")
    return


@app.cell
def _(losses):
    def record(values):
        return sorted(values)

    if losses:
        record(losses)
    return


@app.cell
def _(losses):
    def describe(values):
        return f"{len(values)} values"

    if losses:
        total = sum(losses)
    describe(losses)
    return


if __name__ == "__main__":
    app.run()
