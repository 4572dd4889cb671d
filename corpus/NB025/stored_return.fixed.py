import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    gpu_available = False
    return (gpu_available,)


@app.cell
def _(gpu_available):
    if gpu_available:
        backend = 'cudf'
    else:
        backend = 'pandas'
    return (backend,)


@app.cell
def _(backend):
    print(f"using {backend}")
    return


if __name__ == "__main__":
    app.run()
