import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    GPU_COUNT = 0
    x = 41
    return GPU_COUNT, x


@app.cell
def _():
    def load_device():
        print("reading shards into device memory")
        return [1.0, 2.0, 3.0]

    def load_host():
        print("reading shards into host memory")
        return [1.0, 2.0, 3.0]

    return load_device, load_host


@app.cell
def _(GPU_COUNT, x):
    if GPU_COUNT > 0:
        x + 1
    else:
        x - 1
    return


@app.cell
def _(GPU_COUNT, load_device, load_host):
    if GPU_COUNT:
        load_device()
    else:
        load_host()
    return


if __name__ == "__main__":
    app.run()
