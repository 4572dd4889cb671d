import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    grid = {}
    for row in range(2):
        for col in range(2):
            label = f"r{row}c{col}"
            grid[(row, col)] = lambda: (label, row * 2 + col)
    return (grid,)


@app.cell
def _(grid):
    for cell_key in sorted(grid):
        print(grid[cell_key]())
    return


if __name__ == "__main__":
    app.run()
