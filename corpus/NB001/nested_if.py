import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import importlib.util

    CUDF_AVAILABLE = importlib.util.find_spec("cudf") is not None
    GPU_COUNT = 0 if not CUDF_AVAILABLE else 2
    return CUDF_AVAILABLE, GPU_COUNT


@app.cell
def _(CUDF_AVAILABLE, GPU_COUNT):
    if CUDF_AVAILABLE:
        if GPU_COUNT > 1:
            engine = "dask_cudf"
            workers = GPU_COUNT
            return engine, workers
        else:
            engine = "cudf"
            workers = 1
            return engine, workers
    else:
        engine = "pandas"
        workers = 1
        return engine, workers


@app.cell
def _(engine, workers):
    print(f"dataframe engine: {engine} x{workers}")
    return


if __name__ == "__main__":
    app.run()
