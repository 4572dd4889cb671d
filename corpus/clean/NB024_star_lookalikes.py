import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import math
    from math import pi, tau

    def total(*values, **weights):
        return sum(values) * weights.get("scale", 1)

    numbers = [*range(3), *range(2)]
    text = "from math import *"  # a string, not an import
    print(total(*numbers, scale=2) * pi * tau, math.e ** 2, text)
    return


if __name__ == "__main__":
    app.run()
