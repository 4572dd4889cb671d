import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _():
    cuda_devices = []
    min_devices = 1
    return cuda_devices, min_devices


@app.cell
def _(cuda_devices, min_devices, mo):
    if not cuda_devices:
        mo.stop("No CUDA device found")
    if len(cuda_devices) < min_devices:
        mo.stop(f"Need {min_devices} devices, found {len(cuda_devices)}")
    print(cuda_devices)
    return


if __name__ == "__main__":
    app.run()
