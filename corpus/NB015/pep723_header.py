# /// script
# requires-python = ">=3.11"
# dependencies = [
#     "marimo>=0.25",
# ]
# ///

import marimo

__generated_with = "0.25.2"
app = marimo.App(width="medium")


@app.cell
def _():
    import marimo as mo
    return (mo,)


@app.cell
def _(mo):
    precision = mo.ui.dropdown(["fp32", "bf16", "fp16"], value="bf16")
    bytes_per_param = {"fp32": 4, "bf16": 2, "fp16": 2}[precision.value]
    precision
    return


if __name__ == "__main__":
    app.run()
