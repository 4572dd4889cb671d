import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _(mo):
    spinner = mo.status.spinner(title="Step 1")
    spinner.open()
    first = sorted(range(10), reverse=True)
    spinner.close()

    spinner = mo.status.spinner(title="Step 2")
    spinner.open()
    second = [x * 2 for x in first]
    spinner.update(subtitle="almost there")
    spinner.close()
    return (second,)


@app.cell
def _(second):
    print(second[:3])
    return


if __name__ == "__main__":
    app.run()
