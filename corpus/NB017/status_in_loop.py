import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _(mo):
    checkpoints = []
    for _step in range(0, 300, 100):
        checkpoints.append(_step)
        mo.md(f"Saved a checkpoint at step {_step}")
    return


if __name__ == "__main__":
    app.run()
