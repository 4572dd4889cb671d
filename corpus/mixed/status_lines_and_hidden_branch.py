import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _():
    epochs = 3
    return (epochs,)


@app.cell
def _(epochs, mo):
    if epochs > 0:
        mo.md("Loading data...")
        data = list(range(10))
        mo.md("Training...")
        loss = sum(data) / epochs
        mo.md(f"Final loss: {loss:.2f}")
    return


if __name__ == "__main__":
    app.run()
