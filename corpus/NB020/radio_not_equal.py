import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo
    return (mo,)


@app.cell
def _(mo):
    precision = mo.ui.radio({"Half": "fp16", "Brain float": "bf16", "Full": "fp32"}, value="Full")
    precision
    return (precision,)


@app.cell
def _(precision):
    needs_scaler = precision.value != "Full" and precision.value != "Brain float"
    print(needs_scaler)
    return


if __name__ == "__main__":
    app.run()
