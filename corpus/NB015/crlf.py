import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo
    return (mo,)


@app.cell
def _(mo):
    top_k = mo.ui.slider(1, 20, value=5, label="top k")
    print("top", top_k.value)
    top_k
    return


if __name__ == "__main__":
    app.run()
