import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    from math import pi
    from math import tau as _tau_value
    return (pi,)


@app.cell
def _(pi):
    print(round(pi, 2))
    return


if __name__ == "__main__":
    app.run()
