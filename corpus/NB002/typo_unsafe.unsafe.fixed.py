import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    dataframe = {"rows": 3}
    return (dataframe,)


@app.cell
def _(dataframe):
    print(dataframe["rows"])
    return


if __name__ == "__main__":
    app.run()
