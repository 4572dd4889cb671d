import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _():
    device_count = 2
    nvlink = True
    return device_count, nvlink


@app.cell
def _(device_count, mo, nvlink):
    if device_count > 1:
        if nvlink:
            mo.md(f"{device_count} GPUs over NVLink")
        else:
            mo.md(f"{device_count} GPUs over PCIe")
    else:
        mo.md("single device")
    return


if __name__ == "__main__":
    app.run()
