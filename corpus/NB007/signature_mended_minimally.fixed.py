import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    gpu_name = "H100"
    step_ms = {"fwd": 4.1, "bwd": 8.3}
    return gpu_name, mo, step_ms


@app.cell
def _(step_ms, mo, gpu_name):  # kept in the author's order by every fix
    total_ms = sum(step_ms.values())
    mo.md(f"Training step on {gpu_name}: {total_ms:.1f} ms")
    return


if __name__ == "__main__":
    app.run()
