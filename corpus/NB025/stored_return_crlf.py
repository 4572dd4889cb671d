import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    items = []
    return


app._unparsable_cell(
    """
    if not items:
        return
    count = len(items)
    print(f\"{count} items\")
    """,
    name="_",
    hide_code=True
)


@app.cell
def _():
    print("done")
    return


if __name__ == "__main__":
    app.run()
