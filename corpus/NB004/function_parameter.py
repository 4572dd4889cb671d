import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    factor = 2

    def scale(value, factor=3):
        return value * factor

    print(scale(10, factor=factor))
    return


@app.cell
def _():
    factor = 4
    print(factor)
    return


if __name__ == "__main__":
    app.run()
