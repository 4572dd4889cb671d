import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import statistics

    df = {
        "kernel": ["gemm", "conv2d", "softmax", "gemm", "conv2d"],
        "ms": [1.82, 3.40, 0.31, 1.79, 3.52],
    }
    return df, statistics


@app.cell
def _(df, statistics):
    by_kernel = {}
    for _name, _ms in zip(df["kernel"], df["ms"]):
        by_kernel.setdefault(_name, []).append(_ms)
    median_ms = {k: statistics.median(v) for k, v in by_kernel.items()}
    return (median_ms,)


@app.cell
def _(median_ms):
    for kernel, ms in sorted(median_ms.items(), key=lambda kv: -kv[1]):
        print(f"{kernel:>8} {ms:.2f} ms")
    return


if __name__ == "__main__":
    app.run()
