import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import math
    import statistics

    latencies_ms = [12.1, 11.8, 30.2, 12.4]
    return latencies_ms, math, statistics


@app.cell
def _(statistics, math):  # the author's order: statistics first
    ordered = sorted(latencies_ms)
    p99 = ordered[math.ceil(0.99 * len(ordered)) - 1]
    mean_ms = statistics.fmean(ordered)
    return p99, ordered


@app.cell
def _(mean_ms, p99):
    print(f"p99 {p99:.1f} ms, mean {mean_ms:.1f} ms")
    return


if __name__ == "__main__":
    app.run()
