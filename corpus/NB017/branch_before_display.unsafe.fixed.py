import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _():
    losses = [2.31, 1.87, 1.52]
    return (losses,)


@app.cell
def _(losses, mo):
    if losses[-1] < losses[0]:
        mo.output.append(mo.md("improving"))
    summary = mo.md(f"best loss {min(losses)}")
    summary
    return


if __name__ == "__main__":
    app.run()
