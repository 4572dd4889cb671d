import marimo

__generated_with = "0.25.2"
app = marimo.App()

with app.setup:
    import math

    # `factor` comes from a cell below: the setup cell runs before every cell.
    scale = factor * math.pi


@app.cell
def _():
    factor = 2
    return


@app.cell
def _():
    print(scale)
    return


if __name__ == "__main__":
    app.run()
