import marimo

__generated_with = "0.25.2"
app = marimo.App()

with app.setup:
    # Valid Python at module level, but marimo compiles the setup cell like any cell.
    from statistics import *

    middle = median([1, 2, 3])


@app.cell
def _():
    print(middle)
    return


if __name__ == "__main__":
    app.run()
