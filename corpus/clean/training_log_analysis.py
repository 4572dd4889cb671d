# /// script
# requires-python = ">=3.11"
# dependencies = [
#     "marimo",
# ]
# ///

import marimo

__generated_with = "0.25.2"
app = marimo.App(width="medium", app_title="Training log analysis")


@app.cell
def _():
    import csv
    import io
    import statistics

    import marimo as mo

    return csv, io, mo, statistics


@app.cell(hide_code=True)
def _(mo):
    mo.md(r"""
    # Training log analysis

    Parses a step-level training log, aggregates it per epoch and flags loss
    spikes. Everything here is standard library, so the notebook runs as a
    plain script too.
    """)
    return


@app.cell
def _():
    LOG_CSV = """epoch,step,loss,grad_norm,lr,tokens_per_s
    0,100,3.912,2.41,0.00010,151200
    0,200,3.406,1.97,0.00020,152900
    0,300,3.118,1.72,0.00030,152400
    1,400,2.874,1.55,0.00030,153100
    1,500,2.951,4.83,0.00030,149800
    1,600,2.702,1.41,0.00029,153600
    2,700,2.588,1.22,0.00027,153900
    2,800,2.541,1.19,0.00025,154200
    2,900,2.497,1.16,0.00022,154000
    """
    return (LOG_CSV,)


@app.cell
def _(LOG_CSV, csv, io):
    _reader = csv.DictReader(io.StringIO(LOG_CSV.replace("    ", "")))
    records = [
        {
            key: (int(value) if key in ("epoch", "step") else float(value))
            for key, value in row.items()
        }
        for row in _reader
    ]
    return (records,)


@app.cell
def _(statistics):
    class RunningStats:
        """Welford's online mean and variance."""

        def __init__(self):
            self.n = 0
            self.mean = 0.0
            self._m2 = 0.0

        def push(self, x):
            self.n += 1
            delta = x - self.mean
            self.mean += delta / self.n
            self._m2 += delta * (x - self.mean)

        @property
        def std(self):
            return (self._m2 / (self.n - 1)) ** 0.5 if self.n > 1 else 0.0

    def median_of(rows, key):
        return statistics.median(r[key] for r in rows)

    return RunningStats, median_of


@app.cell
def _(RunningStats, median_of, records):
    epochs = sorted({r["epoch"] for r in records})
    per_epoch = {}
    for _epoch in epochs:
        _rows = [r for r in records if r["epoch"] == _epoch]
        _stats = RunningStats()
        for _r in _rows:
            _stats.push(_r["loss"])
        per_epoch[_epoch] = {
            "mean_loss": round(_stats.mean, 3),
            "loss_std": round(_stats.std, 3),
            "median_tokens_per_s": median_of(_rows, "tokens_per_s"),
        }
    return epochs, per_epoch


@app.cell
def _(records):
    spike_threshold_factor = 2.5
    _median_norm = sorted(r["grad_norm"] for r in records)[len(records) // 2]
    spikes = [
        r["step"]
        for r in records
        if r["grad_norm"] > spike_threshold_factor * _median_norm
    ]
    return spike_threshold_factor, spikes


@app.cell
def _(mo):
    metric = mo.ui.radio(
        options=["loss", "grad_norm", "lr", "tokens_per_s"], value="loss", label="metric"
    )
    metric
    return (metric,)


@app.cell
def _(metric, mo, records):
    _lines = [f"| {r['step']} | {r[metric.value]} |" for r in records]
    mo.md("\n".join([f"| step | {metric.value} |", "|---:|---:|", *_lines]))
    return


@app.cell
def _(
    LOG_CSV,
    epochs,
    metric,
    mo,
    per_epoch,
    records,
    spike_threshold_factor,
    spikes,
):
    _last = per_epoch[epochs[-1]]
    mo.callout(
        mo.md(
            f"{len(records)} log rows ({len(LOG_CSV)} bytes), {len(epochs)} epochs; "
            f"final mean loss {_last['mean_loss']}; grad-norm spikes "
            f"(> {spike_threshold_factor}x median) at steps {spikes or 'none'}; "
            f"showing **{metric.value}** above."
        ),
        kind="warn" if spikes else "success",
    )
    return


if __name__ == "__main__":
    app.run()
