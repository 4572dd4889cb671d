import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    squares = {}
    return (squares,)


@app.cell
def _(squares):
    # a cache that one cell creates and only this cell fills and reads: no cell sees stale data
    for n in range(5):
        if n not in squares:
            squares[n] = n * n
    print(squares[4])
    return


if __name__ == "__main__":
    app.run()
