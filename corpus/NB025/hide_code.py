import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell(hide_code=True)
def _(mo):
    mo.md(
        """
    # Sales report
    """
    )
    return


@app.cell
def _():
    import marimo as mo

    sales = {"north": 120, "south": 95}
    return mo, sales


@app.cell(hide_code=True)
def _(mo, sales):
    mo.md(f"North sold {sales['north']} units, south {sales['south']}"
    return


if __name__ == "__main__":
    app.run()
