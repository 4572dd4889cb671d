import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _(mo):
    # poll the GPU every few seconds
    gpu_refresh = mo.ui.refresh(lambda: ..., options=[2, 5, 10], default_interval=5)
    gpu_refresh
    return (gpu_refresh,)


@app.cell
def _(gpu_refresh):
    gpu_refresh.value
    return


if __name__ == "__main__":
    app.run()
