import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    BACKEND = "pandas"  # "cudf" or "dask_cudf" on a RAPIDS node
    rows = [
        {"gpu": 0, "util": 0.91, "mem_gb": 71.2},
        {"gpu": 1, "util": 0.47, "mem_gb": 30.8},
        {"gpu": 2, "util": 0.88, "mem_gb": 64.0},
    ]
    return BACKEND, rows


@app.cell
def _(BACKEND, rows):
    if BACKEND == "cudf":
        device_rows = [dict(r, location="device") for r in rows]
        return device_rows
    elif BACKEND == "dask_cudf":
        partitions = [rows[i::2] for i in range(2)]
        return partitions
    else:
        host_rows = sorted(rows, key=lambda r: r["util"], reverse=True)
        return host_rows


@app.cell
def _(host_rows):
    for row in host_rows:
        print(f"gpu{row['gpu']}: {row['util']:.0%} busy, {row['mem_gb']} GB")
    return


if __name__ == "__main__":
    app.run()
