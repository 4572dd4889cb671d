import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import importlib.util

    CUDF_AVAILABLE = importlib.util.find_spec("cudf") is not None
    batch_rows = 1024
    return CUDF_AVAILABLE, batch_rows


@app.cell
def _(batch_rows, cudf_available):
    # The backend follows the GPU probe
    if cudf_available:
        engine = "cudf"
        rows = batch_rows * 4
    else:
        engine = "pandas"
        rows = batch_rows
    return engine, rows


@app.cell
def _(engine, rows):
    print(f"{engine}: {rows} rows per batch")
    return


if __name__ == "__main__":
    app.run()
