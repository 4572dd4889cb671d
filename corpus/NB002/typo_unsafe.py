import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    dataframe = {"rows": 3}
    return


@app.cell
def _(datafram):
    print(datafram["rows"])
    return


if __name__ == "__main__":
    app.run()
