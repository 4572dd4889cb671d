import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _():
    dataset_path = ""
    return (dataset_path,)


@app.cell
def _(dataset_path, mo):
    if not dataset_path:
        mo.stop(True, mo.md("**Error:** choose a dataset first."))
    rows = dataset_path.split(",")
    return


if __name__ == "__main__":
    app.run()
