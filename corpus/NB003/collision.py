import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    _rate = 0.1
    rate = 0.2
    return (rate,)


@app.cell
def _(rate):
    print(_rate, rate)
    return


if __name__ == "__main__":
    app.run()
