import marimo

__generated_with = "0.25.2"
app = marimo.App()

with app.setup:
    import math

    import marimo as mo


@app.function
def scale_lr(base_lr, global_batch, reference_batch=256):
    """Square-root learning-rate scaling for large batches."""
    return base_lr * math.sqrt(global_batch / reference_batch)


@app.cell
def _():
    base_lr = 3e-4
    global_batches = [256, 1024, 4096]
    return base_lr, global_batches


@app.cell
def _(base_lr, global_batches):
    rows = [
        f"| {b} | {scale_lr(base_lr, b):.2e} | {math.log2(b):.0f} |"
        for b in global_batches
    ]
    mo.md("| batch | lr | log2 |\n|---|---|---|\n" + "\n".join(rows))
    return


if __name__ == "__main__":
    app.run()
