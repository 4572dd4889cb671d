import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import pandas as pd
    return (pd,)


@app.cell
def _(pd):
    df = pd.DataFrame({"price": [1.0, None, 3.0], "qty": [2, 1, 4]})
    return (df,)


@app.cell
def _(df):
    df.dropna(inplace=True)
    return


@app.cell
def _(df):
    df
    return


if __name__ == "__main__":
    app.run()
