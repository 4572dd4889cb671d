import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _(mo):
    with mo.status.spinner(title="Loading", subtitle="reading") as spinner:
        values = [n * n for n in range(100)]
        spinner.update(subtitle="summing")
        total = sum(values)
    return (total,)


@app.cell
def _(mo, total):
    with mo.status.spinner(title="Formatting"):
        label = f"total = {total}"
    print(label)
    return


@app.cell
def _(mo):
    loader = mo.status.spinner(title="Reusable spinner", remove_on_exit=True)
    with loader as active:
        active.update(title="Still reusable")
        squares = [n**2 for n in range(5)]
    return (squares,)


@app.cell
def _(mo, squares):
    for square in mo.status.progress_bar(squares, title="Squares"):
        pass
    bar = mo.status.progress_bar(range(3), title="Iterated")
    steps = [step for step in bar]
    with mo.status.progress_bar(total=len(steps)) as manual_bar:
        for step in steps:
            manual_bar.update()
    return


@app.cell
def _(mo):
    placeholder = mo.status.spinner(title="Shown as the cell output")
    placeholder
    return


if __name__ == "__main__":
    app.run()
