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
    history = {"loss": []}
    return (history,)


@app.cell
def _(history):
    history["loss"].append(0.42)
    return


@app.cell
def _(history):
    print(history)
    return


if __name__ == "__main__":
    app.run()
