import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _(mo):
    mo.output.append(mo.md("Measuring..."))
    timings = [0.5, 0.4, 0.45]
    mo.output.replace(mo.md(f"Best of {len(timings)}: {min(timings)} s"))
    return


if __name__ == "__main__":
    app.run()
