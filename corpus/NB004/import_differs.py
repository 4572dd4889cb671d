import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import json as fmt

    return (fmt,)


@app.cell
def _():
    import pprint as fmt

    return (fmt,)


@app.cell
def _(fmt):
    print(fmt)
    return


if __name__ == "__main__":
    app.run()
