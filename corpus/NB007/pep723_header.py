# /// script
# requires-python = ">=3.10"
# dependencies = [
#     "marimo>=0.25",
# ]
# ///

import marimo

__generated_with = "0.25.2"
app = marimo.App(width="medium")


@app.cell
def _():
    precision = "bf16"
    world_size = 4
    return


@app.cell
def _():
    print("training in {precision} on {world_size} ranks")
    return


if __name__ == "__main__":
    app.run()
