# /// script
# requires-python = ">=3.10"
# dependencies = ["marimo"]
# ///
import marimo

__generated_with = "0.25.2"
app = marimo.App(width="medium")


@app.cell
def _():
    import importlib.util

    import marimo as mo
    return importlib, mo


@app.cell
def _(importlib):
    CUDF_AVAILABLE = importlib.util.find_spec("cudf") is not None
    return (CUDF_AVAILABLE,)


@app.cell
def _(CUDF_AVAILABLE):
    if CUDF_AVAILABLE:
        backend = "cudf"
        return backend  # GPU dataframes
    else:
        backend = "pandas"
        return backend
    return


@app.cell
def _(backend):
    rows = [1, 2, 3]
    if not rows:
        return
    summary = f"{len(rows)} rows on {backend}"
    return (summary,)


@app.cell
def _(mo, summary):
    mo.md(summary)
    return


if __name__ == "__main__":
    app.run()
