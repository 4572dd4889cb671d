# /// script
# requires-python = ">=3.10"
# dependencies = [
#     "marimo>=0.25",
# ]
# ///
# nbfix: ignore-file[NB014]

import marimo

__generated_with = "0.25.2"
app = marimo.App(width="medium")


@app.cell
def _():
    epochs = 3  # nbfix: ignore[NB013]
    print(epochs)
    return


if __name__ == "__main__":
    app.run()
