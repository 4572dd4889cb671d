import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell(hide_code=True)
def _(mo):
    mo.md(r"""
    # Batch size sweep

    Saved on a Windows workstation, so every line ends in CRLF.
    """)
    return


@app.cell
def _(mo):
    max_batch = mo.ui.slider(start=8, stop=512, step=8, value=128, label="max batch")
    max_batch
    return (max_batch,)


@app.cell
def _(max_batch):
    batch_sizes = [b for b in (8, 16, 32, 64, 128, 256, 512) if b <= max_batch.value]
    step_ms = {b: 4.0 + 0.11 * b for b in batch_sizes}
    return batch_sizes, step_ms


@app.cell
def _(batch_sizes, step_ms):
    _throughput = {b: b / (step_ms[b] / 1e3) for b in batch_sizes}
    best_batch = max(_throughput, key=_throughput.get)
    print(f"best throughput at batch {best_batch}: {_throughput[best_batch]:,.0f} samples/s")
    return


if __name__ == "__main__":
    app.run()
