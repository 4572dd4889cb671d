import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    rows = [{"id": 1}, {"id": 2}]
    first = rows[0]
    return first, rows


@app.cell
def _(first):
    first["flag"] = True
    return


@app.cell
def _(first, rows):
    print(rows, first)
    return


if __name__ == "__main__":
    app.run()
