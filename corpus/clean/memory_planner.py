import marimo

__generated_with = "0.25.2"
app = marimo.App(width="medium")


@app.cell
def _():
    import dataclasses

    import marimo as mo

    return dataclasses, mo


@app.cell(hide_code=True)
def _(mo):
    mo.md(r"""
    # Fine-tuning memory planner

    A back-of-the-envelope estimate of per-GPU memory for full fine-tuning
    with AdamW: weights, gradients, optimizer state and activations.
    """)
    return


@app.cell
def _(mo):
    params_b = mo.ui.number(start=0.5, stop=405, step=0.5, value=8, label="parameters (B)")
    precision = mo.ui.dropdown(
        options={"bf16": 2, "fp32": 4, "fp8": 1}, value="bf16", label="weight dtype"
    )
    seq_len = mo.ui.slider(start=512, stop=32768, step=512, value=4096, label="sequence length")
    micro_batch = mo.ui.slider(start=1, stop=32, value=4, label="micro batch")
    n_gpus = mo.ui.dropdown(options=["1", "2", "4", "8"], value="8", label="GPUs (ZeRO-3)")
    mo.vstack([params_b, precision, seq_len, micro_batch, n_gpus])
    return micro_batch, n_gpus, params_b, precision, seq_len


@app.cell
def _(dataclasses):
    @dataclasses.dataclass
    class MemoryBreakdown:
        weights_gb: float
        grads_gb: float
        optimizer_gb: float
        activations_gb: float

        @property
        def total_gb(self) -> float:
            return sum(dataclasses.astuple(self))

    GB = 1024**3
    return GB, MemoryBreakdown


@app.cell
def _(GB, MemoryBreakdown):
    def estimate(n_params, bytes_per_param, seq, batch, shards, hidden=4096, layers=32):
        weights = n_params * bytes_per_param / shards
        grads = weights
        optimizer = n_params * 12 / shards  # fp32 master copy + two Adam moments
        activations = 34 * seq * batch * hidden * layers * bytes_per_param / 2
        return MemoryBreakdown(
            weights / GB, grads / GB, optimizer / GB, activations / GB
        )

    return (estimate,)


@app.cell
def _(estimate, micro_batch, n_gpus, params_b, precision, seq_len):
    plan = estimate(
        params_b.value * 1e9,
        precision.value,
        seq_len.value,
        micro_batch.value,
        int(n_gpus.value),
    )
    return (plan,)


@app.cell
def _(mo, plan):
    _rows = {
        "weights": plan.weights_gb,
        "gradients": plan.grads_gb,
        "optimizer state": plan.optimizer_gb,
        "activations": plan.activations_gb,
    }
    mo.md(
        "\n".join(
            ["| component | GB per GPU |", "|---|---:|"]
            + [f"| {name} | {gb:,.1f} |" for name, gb in _rows.items()]
            + [f"| **total** | **{plan.total_gb:,.1f}** |"]
        )
    )
    return


@app.cell
def _(mo, plan):
    HBM_GB = 80
    fits = plan.total_gb <= HBM_GB
    mo.callout(
        mo.md(
            f"Needs {plan.total_gb:,.1f} GB of the {HBM_GB} GB per GPU."
            if fits
            else f"Over budget by {plan.total_gb - HBM_GB:,.1f} GB: "
            "try activation checkpointing or more GPUs."
        ),
        kind="success" if fits else "danger",
    )
    return


@app.cell
def _(mo):
    sweep_button = mo.ui.run_button(label="sweep micro-batch sizes")
    sweep_button
    return (sweep_button,)


@app.cell
def _(estimate, mo, n_gpus, params_b, precision, seq_len, sweep_button):
    mo.stop(not sweep_button.value, mo.md("Press **sweep** to tabulate micro-batches."))
    micro_batch_sweep = {
        mb: round(
            estimate(
                params_b.value * 1e9, precision.value, seq_len.value, mb, int(n_gpus.value)
            ).total_gb,
            1,
        )
        for mb in (1, 2, 4, 8, 16)
    }
    micro_batch_sweep
    return


if __name__ == "__main__":
    app.run()
