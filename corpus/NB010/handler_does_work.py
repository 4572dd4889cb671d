import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo
    return (mo,)


@app.cell
def _(mo):
    # the callback computes outside any cell: no other cell can use its result
    def recompute(values):
        squares = [v * v for v in values]
        print("recomputed", squares)


    sizes = mo.ui.array([mo.ui.number(0, 10) for _ in range(3)], on_change=recompute)
    sizes
    return


if __name__ == "__main__":
    app.run()
