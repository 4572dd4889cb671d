import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _():
    utilization = [0.91, 0.47, 0.88]
    return (utilization,)


@app.cell
def _(mo, utilization):
    mean_util = sum(utilization) / len(utilization)
    if mean_util > 0.9:
        _output = mo.vstack([mo.md("## Saturated"), mo.md(f"mean {mean_util:.0%}")])
    elif mean_util > 0.5:
        _output = mo.hstack([mo.md("Busy"), mo.md(f"{mean_util:.0%}")], justify="start")
    elif mean_util > 0.1:
        print("lightly loaded")
        _output = None
    else:
        _output = mo.callout("Idle GPUs", kind="info")
    _output
    return


if __name__ == "__main__":
    app.run()
