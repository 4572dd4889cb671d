import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo
    return (mo,)


@app.cell
def _(mo):
    query_params = mo.query_params()
    return (query_params,)


@app.cell
def _(mo, query_params):
    search = mo.ui.text(
        value=query_params.get("q") or "",
        on_change=lambda text: query_params.set("q", text),
    )
    page_size = mo.ui.number(10, 100, value=20, on_change=None)
    count = mo.ui.button(value=0, on_click=lambda clicks: clicks + 1, label="count")
    mo.hstack([search, page_size, count])
    return count, page_size, search


@app.cell
def _(count, page_size, search):
    # the reactive way: read the values in another cell
    print(repr(search.value), page_size.value, count.value)
    return


if __name__ == "__main__":
    app.run()
