import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell(hide_code=True)
def _(mo):
    with mo.status.spinner(title="Rendering report"):
        report = mo.md(f"**{sum(range(10))}** items processed")
    return (report,)


@app.cell
def _(report):
    report
    return


if __name__ == "__main__":
    app.run()
