import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo
    return (mo,)


@app.cell
def _():
    edits = []
    return (edits,)


@app.cell
def _(edits, mo):
    run_name = mo.ui.text(label="run name", on_change=lambda value: edits.append(value))
    run_name
    return


@app.cell
def _(edits, mo):
    mo.md(f"{len(edits)} edits so far")
    return


if __name__ == "__main__":
    app.run()
