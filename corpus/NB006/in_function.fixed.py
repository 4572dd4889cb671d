import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _(mo):
    def load_table(n):
        with mo.status.spinner(title=f"Loading {n} rows") as spinner:
            table = [(i, str(i)) for i in range(n)]
            spinner.update(subtitle="sorting")
            table.sort(key=lambda row: row[1])
        return table

    first_rows = load_table(20)[:3]
    return (first_rows,)


@app.cell
def _(first_rows):
    print(first_rows)
    return


if __name__ == "__main__":
    app.run()
