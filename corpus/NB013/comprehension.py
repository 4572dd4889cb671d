import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    scalers = [lambda x: x * factor for factor in (1, 10, 100)]
    return (scalers,)


@app.cell
def _(scalers):
    print([scale(3) for scale in scalers])
    return


if __name__ == "__main__":
    app.run()
