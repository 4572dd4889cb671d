import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import importlib.util

    CUDF_AVAILABLE = importlib.util.find_spec("cudf") is not None
    raw_rows = "4096"
    return CUDF_AVAILABLE, raw_rows


@app.cell
def _(CUDF_AVAILABLE):
    # pick the dataframe engine once for the whole notebook
    if CUDF_AVAILABLE:
        engine = "cudf"
        # prefer the GPU engine when it is importable
        return engine
    else:
        engine = "pandas"
        return engine  # host fallback


@app.cell
def _(raw_rows):
    try:
        n_rows = int(raw_rows)
        return n_rows  # parsed
    except ValueError:
        # malformed input: fall back to an empty frame
        n_rows = 0
        # nothing to load
        return n_rows


@app.cell
def _(engine, n_rows):
    print(f"loading {n_rows} rows with {engine}")  # summary line
    return


if __name__ == "__main__":
    app.run()
