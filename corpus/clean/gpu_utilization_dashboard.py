import marimo

__generated_with = "0.25.2"
app = marimo.App(width="medium")


@app.cell
def _():
    import random
    import statistics

    import marimo as mo

    return mo, random, statistics


@app.cell(hide_code=True)
def _(mo):
    mo.md(r"""
    # GPU utilization dashboard

    Synthetic telemetry for an 8-GPU node. Pick a GPU and a smoothing window
    to inspect its utilization trace; the table ranks the GPUs by how often
    they were busy.
    """)
    return


@app.cell
def _(random):
    _rng = random.Random(7)
    N_GPUS = 8
    N_SAMPLES = 240
    telemetry = {
        f"gpu{i}": [min(1.0, max(0.0, _rng.gauss(0.7, 0.15))) for _ in range(N_SAMPLES)]
        for i in range(N_GPUS)
    }
    return (telemetry,)


@app.cell
def _(mo, telemetry):
    gpu_picker = mo.ui.dropdown(options=sorted(telemetry), value="gpu0", label="GPU")
    window = mo.ui.slider(start=1, stop=30, value=10, label="smoothing window")
    mo.hstack([gpu_picker, window], justify="start")
    return gpu_picker, window


@app.cell
def _(statistics):
    def moving_average(values, width):
        """Trailing moving average; early points average what is available."""
        out = []
        for i in range(len(values)):
            lo = max(0, i - width + 1)
            out.append(statistics.fmean(values[lo : i + 1]))
        return out

    def busy_fraction(values, threshold=0.5):
        return sum(v >= threshold for v in values) / len(values)

    return busy_fraction, moving_average


@app.cell
def _(gpu_picker, moving_average, telemetry, window):
    trace = telemetry[gpu_picker.value]
    smoothed = moving_average(trace, window.value)
    return smoothed, trace


@app.cell
def _(gpu_picker, mo, smoothed, trace):
    _peak = max(smoothed)
    mo.md(f"""
    **{gpu_picker.value}**: {len(trace)} samples, smoothed peak **{_peak:.0%}**,
    smoothed minimum **{min(smoothed):.0%}**.
    """)
    return


@app.cell
def _(busy_fraction, telemetry):
    summary = sorted(
        ((name, busy_fraction(values)) for name, values in telemetry.items()),
        key=lambda item: item[1],
        reverse=True,
    )
    return (summary,)


@app.cell
def _(mo, summary):
    mo.ui.table(
        [{"gpu": name, "busy": f"{frac:.0%}"} for name, frac in summary],
        selection=None,
    )
    return


@app.cell
def _(summary):
    class Alert:
        def __init__(self, gpu, fraction):
            self.gpu = gpu
            self.fraction = fraction

        def __repr__(self):
            return f"Alert({self.gpu!r}, {self.fraction:.2f})"

    alerts = [Alert(name, frac) for name, frac in summary if frac < 0.6]
    print(alerts or "every GPU was busy most of the time")
    return


if __name__ == "__main__":
    app.run()
