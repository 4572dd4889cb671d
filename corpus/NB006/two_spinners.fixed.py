import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _(mo):
    with mo.status.spinner(title="Step 1"):
        first = sorted(range(10), reverse=True)

    with mo.status.spinner(title="Step 2") as spinner:
        second = [x * 2 for x in first]
        spinner.update(subtitle="almost there")
    return (second,)


@app.cell
def _(second):
    print(second[:3])
    return


if __name__ == "__main__":
    app.run()
