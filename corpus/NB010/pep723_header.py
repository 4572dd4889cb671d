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
    clip_norm = mo.ui.slider(0.1, 5.0, step=0.1, value=1.0, on_change=lambda norm: print(norm))
    clip_norm
    return


if __name__ == "__main__":
    app.run()
