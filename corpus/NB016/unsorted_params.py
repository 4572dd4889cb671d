import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _():
    GPU_MEMORY_GB = 80
    activations_gb = 23.5
    weights_gb = 13.4
    return GPU_MEMORY_GB, activations_gb, weights_gb


@app.cell
def _(weights_gb, mo, activations_gb, GPU_MEMORY_GB):
    headroom_gb = GPU_MEMORY_GB - weights_gb - activations_gb
    mo.md(f"Headroom after weights and activations: **{headroom_gb:.1f} GB**")
    return


if __name__ == "__main__":
    app.run()
