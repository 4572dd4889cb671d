# /// script
# requires-python = ">=3.10"
# dependencies = [
#     "marimo>=0.25",
# ]
# ///

import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _(mo):
    precision = mo.ui.dropdown(
        options={"Half (fp16)": "float16", "Brain float (bf16)": "bfloat16"},
        value="bfloat16",
        label="Precision",
    )
    batch = mo.ui.dropdown(options=[8, 16, 32], value=64)
    mo.hstack([precision, batch])
    return


if __name__ == "__main__":
    app.run()
