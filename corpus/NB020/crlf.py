import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo
    return (mo,)


@app.cell
def _(mo):
    device = mo.ui.dropdown(options={"Graphics card": "cuda", "Processor": "cpu"}, value="Processor")
    device
    return (device,)


@app.cell
def _(device):
    on_gpu = device.value == "Graphics card"
    print(on_gpu)
    return


if __name__ == "__main__":
    app.run()
