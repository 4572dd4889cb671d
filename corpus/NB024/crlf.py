import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    from itertools import *

    pairs = list(combinations("abc", 2))
    return


if __name__ == "__main__":
    app.run()
