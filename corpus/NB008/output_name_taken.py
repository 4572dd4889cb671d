import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _(mo):
    _output = "nvidia-smi text would go here"
    if _output:
        mo.md("nvidia-smi ran")
    return


if __name__ == "__main__":
    app.run()
