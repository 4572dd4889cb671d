# /// script
# requires-python = ">=3.10"
# dependencies = [
#     "marimo>=0.25",
#     "PyYAML",
# ]
# ///

import marimo

__generated_with = "0.25.2"
app = marimo.App(width="medium")


@app.cell
def _():
    import marimo as mo
    import yaml

    return mo, yaml


@app.cell
def _(mo, yaml):
    settings = yaml.safe_load("batch_size: 32")
    mo.md(f"Batch size: **{settings['batch_size']}**")
    return


if __name__ == "__main__":
    app.run()
