import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _(mo):
    try:
        rows = [1, 2, 3]
    finally:
        mo.md("loaded")
    return


if __name__ == "__main__":
    app.run()
