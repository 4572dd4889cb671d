import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _():
    batch_size_text = "64"
    return (batch_size_text,)


@app.cell
def _(batch_size_text, mo):
    try:
        int(batch_size_text)
        _output = None
    except ValueError:
        _output = mo.callout(mo.md(f"`{batch_size_text}` is not a batch size"), kind="danger")
    _output
    return


if __name__ == "__main__":
    app.run()
