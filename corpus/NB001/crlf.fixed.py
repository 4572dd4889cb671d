import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import platform

    CUDF_AVAILABLE = False
    machine = platform.machine() or "unknown"
    return CUDF_AVAILABLE, machine


@app.cell
def _(CUDF_AVAILABLE, machine):
    if CUDF_AVAILABLE:
        join_strategy = "hash join on device"
    else:
        join_strategy = f"sort-merge join on {machine} host"
    return (join_strategy,)


@app.cell
def _(join_strategy):
    print(join_strategy)
    return


if __name__ == "__main__":
    app.run()
