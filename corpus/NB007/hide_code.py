import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _():
    batch_size = 256
    return


@app.cell(hide_code=True)
def _(mo):
    note = mo.md("""
    The loader below streams batches of **{batch_size}** samples.
    """)
    note
    return (note,)


@app.cell
def _(note):
    print("<strong>256</strong>" in note.text)
    return


if __name__ == "__main__":
    app.run()
