import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo
    return (mo,)


@app.cell
def _(mo):
    prompt = mo.ui.text_area(placeholder="Ask the model...").form(submit_button_label="Ask")
    mo.md("Type a question below.")  # prompt is not in this output
    return (prompt,)


@app.cell
def _(mo, prompt):
    mo.stop(prompt.value is None, mo.md("Waiting for a question"))
    answer = prompt.value.upper()
    return


if __name__ == "__main__":
    app.run()
