import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    total = 10
    _total = total * 2
    print(_total)
    return


@app.cell
def _():
    total = 20
    print(total)
    return


if __name__ == "__main__":
    app.run()
