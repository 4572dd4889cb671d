import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _():
    free_mem_gb = 3.5
    return (free_mem_gb,)


@app.cell
def _(free_mem_gb, mo):
    if free_mem_gb < 8:
        _output = mo.callout(mo.md(f"Only {free_mem_gb} GB free: lower the batch size"), kind="danger")
    else:
        _output = None
    _output
    return


if __name__ == "__main__":
    app.run()
