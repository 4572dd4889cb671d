import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import importlib.util

    CUDF_AVAILABLE = importlib.util.find_spec("cudf") is not None
    return


@app.cell
def _(cudf_available):
    # Pick the dataframe backend
    if cudf_available:
        backend = "cudf"
    else:
        backend = "pandas"
    print(f"backend: {backend}, gpu: {cudf_available}")
    return


if __name__ == "__main__":
    app.run()
