import marimo

__generated_with = "0.25.2"
app = marimo.App()

with app.setup:
    import math

    radius = clamp(3.5)
    area = math.pi * radius**2


@app.function
def clamp(value, low=0.0, high=10.0):
    return max(low, min(high, value))


@app.cell
def _():
    print(area)
    return


if __name__ == "__main__":
    app.run()
