import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import importlib.util

    CUDF_AVAILABLE = importlib.util.find_spec("cudf") is not None
    _batch_rows = 1024
    return (CUDF_AVAILABLE,)


@app.cell
def _(cudf_available):
    # The backend follows the GPU probe
    if cudf_available:
        engine = "cudf"
        rows = _batch_rows * 4
        return engine, rows
    else:
        engine = "pandas"
        rows = _batch_rows
        return engine, rows


@app.cell
def _(engine, rows):
    print(f"{engine}: {rows} rows per batch")
    return


if __name__ == "__main__":
    app.run()
