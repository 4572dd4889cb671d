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
def _():
    token = None
    return (token,)


@app.cell
def _(mo, token):
    if token is None:
        mo.stop(mo.md("Set **HF_TOKEN** to download the weights"))
    print("downloading")
    return


if __name__ == "__main__":
    app.run()
