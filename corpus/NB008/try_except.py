import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _(mo):
    try:
        import cudf  # noqa: F401

        mo.md("cuDF found: dataframes live on the GPU")
    except ImportError:
        mo.callout(mo.md("cuDF not installed: using pandas"), kind="warn")
    return


if __name__ == "__main__":
    app.run()
