import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    from math import pi as _pi
    from math import tau as _tau_value
    return


@app.cell
def _():
    print(round(_pi, 2))
    return


if __name__ == "__main__":
    app.run()
