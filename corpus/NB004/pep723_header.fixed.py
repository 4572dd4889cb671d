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
    _device = "cpu"  # "cuda" on a GPU node
    print(f"warming up on {_device}")
    return


@app.cell
def _():
    _device = "cpu"
    print(f"benchmarking on {_device}")
    return


if __name__ == "__main__":
    app.run()
