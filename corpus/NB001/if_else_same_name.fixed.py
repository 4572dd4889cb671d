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
    if CUDF_AVAILABLE:
        result = "yes"
    else:
        result = "no"
    return (result,)


@app.cell
def _(result):
    print(f"cuDF available: {result}")
    return


if __name__ == "__main__":
    app.run()
