import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _():
    nccl_ok = False
    return (nccl_ok,)


@app.cell
def _(mo, nccl_ok):
    mo.stop(not nccl_ok, "NCCL is not available")
    print("all-reduce ready")
    return


if __name__ == "__main__":
    app.run()
