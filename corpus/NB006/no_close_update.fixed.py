import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _(mo):
    with mo.status.spinner(title="Warming up") as status_spinner:
        squares = {n: n * n for n in range(50)}
        status_spinner.update(title="Done", subtitle=f"{len(squares)} squares")
    return (squares,)


@app.cell
def _(squares):
    print(squares[7])
    return


if __name__ == "__main__":
    app.run()
