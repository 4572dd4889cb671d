import marimo

__generated_with = "0.8.22"
app = marimo.App(width="medium")


@app.cell
def __():
    import marimo as mo
    return mo,


@app.cell
def __():
    CUDF_AVAILABLE = False  # the RAPIDS bootstrap cell flips this
    return CUDF_AVAILABLE,


@app.cell
def __(CUDF_AVAILABLE, mo):
    if CUDF_AVAILABLE:
        banner = mo.md("**cuDF** found: dataframes live on the GPU")
    else:
        banner = mo.md("cuDF not found: falling back to pandas")
    return (banner,)


@app.cell
def __(banner):
    banner
    return


if __name__ == "__main__":
    app.run()
