import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    from math import *

    area = pi * 2.0**2
    return


if __name__ == "__main__":
    app.run()
