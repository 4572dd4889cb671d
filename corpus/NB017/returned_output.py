import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _(mo):
    learning_rate = mo.ui.slider(1, 5, label="log10 learning rate")
    return (learning_rate,)


@app.cell
def _(mo):
    mo.output.append(mo.md("Checking the setup..."))
    return mo.md("## Results")


if __name__ == "__main__":
    app.run()
