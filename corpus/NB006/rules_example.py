import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _():
    def expensive_operation():
        return sum(i * i for i in range(10_000))

    return (expensive_operation,)


@app.cell
def _(expensive_operation, mo):
    spinner = mo.status.spinner(title="Running...")
    spinner.open()
    result = expensive_operation()
    spinner.close()
    return (result,)


@app.cell
def _(result):
    print(result)
    return


if __name__ == "__main__":
    app.run()
