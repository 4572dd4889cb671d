import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _(mo):
    spinner = mo.status.spinner(title="Loading data", subtitle="reading rows")
    spinner.open()
    rows = [{"id": i, "value": i * 0.5} for i in range(200)]
    spinner.update(subtitle="aggregating")
    total = sum(row["value"] for row in rows)
    spinner.close()
    return (total,)


@app.cell
def _(total):
    print(f"total = {total}")
    return


if __name__ == "__main__":
    app.run()
