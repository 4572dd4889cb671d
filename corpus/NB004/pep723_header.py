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
    device = "cpu"  # "cuda" on a GPU node
    print(f"warming up on {device}")
    return


@app.cell
def _():
    device = "cpu"
    print(f"benchmarking on {device}")
    return


if __name__ == "__main__":
    app.run()
