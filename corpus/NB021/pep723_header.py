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
    tags = mo.ui.multiselect(["cpu", "gpu", "tpu"], value=["cpu"])
    tags
    return (tags,)


@app.cell
def _(tags):
    if "gpu" not in tags.value:
        # keep the accelerator list in sync
        tags.value = [*tags.value, "gpu"]
    return


if __name__ == "__main__":
    app.run()
