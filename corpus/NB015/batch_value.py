import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo
    return (mo,)


@app.cell
def _(mo):
    window = mo.md("From {start} to {end}").batch(
        start=mo.ui.number(0, 100, value=0),
        end=mo.ui.number(0, 100, value=50),
    )
    span_length = window.value["end"] - window.value["start"]
    window
    return


if __name__ == "__main__":
    app.run()
