import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import importlib.util

    CUDF_AVAILABLE = importlib.util.find_spec("cudf") is not None
    return (CUDF_AVAILABLE,)


@app.cell
def _(CUDF_AVAILABLE):
    # Pick the dataframe backend
    if CUDF_AVAILABLE:
        backend = "cudf"
    else:
        backend = "pandas"
    print(f"backend: {backend}, gpu: {CUDF_AVAILABLE}")
    return


if __name__ == "__main__":
    app.run()
