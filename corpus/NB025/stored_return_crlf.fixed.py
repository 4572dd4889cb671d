import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    items = []
    return (items,)


@app.cell(hide_code=True)
def _(items):
    if items:
        count = len(items)
        print(f"{count} items")
    return


@app.cell
def _():
    print("done")
    return


if __name__ == "__main__":
    app.run()
