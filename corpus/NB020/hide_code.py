import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell(hide_code=True)
def _():
    import marimo as mo
    return (mo,)


@app.cell(hide_code=True)
def _(mo):
    chart_kind = mo.ui.dropdown(options={"Bar chart": "bar", "Line chart": "line"}, value="Line chart")
    chart_kind
    return (chart_kind,)


@app.cell(hide_code=True)
def _(chart_kind):
    marker = "o" if chart_kind.value == "Line chart" else None
    print(marker)
    return


if __name__ == "__main__":
    app.run()
