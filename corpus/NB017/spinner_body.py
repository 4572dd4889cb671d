import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _(mo):
    with mo.status.spinner(title="Loading the dataset..."):
        rows = [{"id": i, "label": i % 2} for i in range(10)]
        mo.md(f"Loaded {len(rows)} rows")
    return


if __name__ == "__main__":
    app.run()
