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
    dataset = mo.ui.radio(options={"Two moons": "moons", "Circles": "circles"}, value="Two moons")
    dataset
    return (dataset,)


@app.cell
def _(dataset):
    noise = 0.05
    if dataset.value == "Two moons":
        noise = 0.1
    print(noise)
    return


if __name__ == "__main__":
    app.run()
