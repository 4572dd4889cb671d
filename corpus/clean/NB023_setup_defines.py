import marimo

__generated_with = "0.25.2"
app = marimo.App()

with app.setup:
    import math

    radius = 2.0

    def area(width):
        # `width` is this function's parameter, not the cell below's variable.
        return math.pi * width * radius


@app.cell
def _():
    width = 3.0
    return (width,)


@app.cell
def _(width):
    print(area(width))
    return


if __name__ == "__main__":
    app.run()
