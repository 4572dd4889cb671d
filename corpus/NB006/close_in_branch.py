import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _(mo):
    checker = mo.status.spinner(title="Validating")
    checker.open()
    errors = [n for n in range(10) if n < 0]
    if not errors:
        checker.close()
    return (errors,)


@app.cell
def _(errors):
    print(errors)
    return


if __name__ == "__main__":
    app.run()
