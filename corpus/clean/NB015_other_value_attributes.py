import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo
    return (mo,)


@app.cell
def _():
    import enum
    from fractions import Fraction


    class Precision(enum.Enum):
        FP32 = 4
        BF16 = 2
    return Fraction, Precision


@app.cell
def _(Fraction, Precision):
    # `.value` of things that are not UI elements: an enum member, an object with a value field
    chosen = Precision.BF16
    bytes_per_param = chosen.value


    class Reading:
        def __init__(self, value):
            self.value = value


    reading = Reading(Fraction(3, 4))
    print(bytes_per_param, reading.value)
    return


@app.cell
def _(Precision, mo):
    tabs = mo.ui.tabs({"fp32": mo.md("full"), "bf16": mo.md("half")})
    options = mo.ui.array([mo.ui.checkbox(label=p.name) for p in Precision])
    mo.vstack([tabs, options])
    return options, tabs


@app.cell
def _(options, tabs):
    print(tabs.value, options.value)
    return


if __name__ == "__main__":
    app.run()
