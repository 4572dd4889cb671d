import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo
    return (mo,)


@app.cell
def _():
    submitted_notes = []
    return (submitted_notes,)


@app.cell
def _(mo, submitted_notes):
    notes = mo.ui.text_area(label="notes").form(on_change=lambda text: submitted_notes.append(text))
    notes
    return


if __name__ == "__main__":
    app.run()
