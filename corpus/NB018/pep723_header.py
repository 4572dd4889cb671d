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
    threshold = mo.ui.slider(0.0, 1.0, step=0.05, value=0.5, label="threshold")
    # the threshold is shown in the sidebar (it is not: nothing outputs it)
    mo.sidebar([mo.md("## Settings")])
    return (threshold,)


@app.cell
def _(threshold):
    scores = [0.2, 0.7, 0.9]
    kept = [s for s in scores if s > threshold.value]
    print(kept)
    return


if __name__ == "__main__":
    app.run()
