import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _():
    driver_ok = False
    return (driver_ok,)


@app.cell(hide_code=True)
def _(driver_ok, mo):
    mo.stop(
        not driver_ok,
        mo.callout(mo.md("The NVIDIA driver is too old for this notebook"), kind="danger"),
    )
    return


if __name__ == "__main__":
    app.run()
