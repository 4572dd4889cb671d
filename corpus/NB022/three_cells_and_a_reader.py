import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _(report):
    rows = len(report.splitlines())
    return (rows,)


@app.cell
def _(rows):
    columns = rows * 2
    return (columns,)


@app.cell
def _(columns, rows):
    report = f"{rows} x {columns}"
    return (report,)


@app.cell
def _(mo, report):
    # Reads the cycle, is not part of it.
    mo.md(report)
    return


if __name__ == "__main__":
    app.run()
