import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    title = "GPU report"
    return (title,)


@app.cell
def _(mo, title):
    mo.md(f"# {title}")
    return


@app.cell
def _(mo):
    mo.callout(mo.md("all good"), kind="success")
    return


if __name__ == "__main__":
    app.run()
