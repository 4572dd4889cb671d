import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import math

    import marimo as mo
    return math, mo


@app.cell
def _(math, mo):
    function = mo.ui.dropdown(options={"Sine": math.sin, "Cosine": math.cos}, value="Sine")
    function
    return (function,)


@app.cell
def _(function):
    # the value is a function: no string can replace the label
    periodic_at_zero = function.value == "Sine"
    print(periodic_at_zero)
    return


if __name__ == "__main__":
    app.run()
