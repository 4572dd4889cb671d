import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _(mo):
    rerun = mo.ui.button(label="Rerun")
    rerun
    return (rerun,)


@app.cell
def _(mo, rerun):
    rerun
    rows = [{"step": step, "loss": 1.0 / (step + 1)} for step in range(3)]
    mo.md(f"{len(rows)} steps")
    return (rows,)


@app.cell
def _(mo, rows):
    print(f"{len(rows)} rows")
    mo.output.append(mo.md("Loading..."))
    mo.stop(not rows, mo.md("No rows"))
    mo.output.replace(mo.md("Loaded"))
    return


@app.cell
def _(mo, rows):
    mo.ui.table(rows)
    mo.vstack([mo.md("## Steps"), mo.ui.table(rows)])
    return


@app.cell
def _(mo):
    threshold = mo.ui.slider(1, 10, label="threshold")
    threshold
    mo.md(f"Pick a threshold: {threshold}")
    return


@app.cell
def _(mo):
    _ = mo.md("kept for later, hidden on purpose")
    "a string alone on its line is no output"


    def banner(text):
        mo.md(text)
        return mo.callout(mo.md(text), kind="info")


    banner("ready")
    return


@app.cell
def _(mo):
    limit_text = "ten"
    try:
        mo.ui.slider(0, int(limit_text))
    except ValueError as error:
        print(f"not a limit: {error}")
    return


@app.cell
def _(mo):
    import pytest

    with pytest.raises(ValueError):
        mo.ui.slider(10, 1)
    return


@app.cell
def _(mo):
    mo.ui.text(label="built for its side effect")
    None
    return


@app.cell
def _(mo):
    mo.md("Shown: the cell's last expression")
    return


if __name__ == "__main__":
    app.run()
