import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell(hide_code=True)
def _():
    import marimo as mo
    return (mo,)


@app.cell(hide_code=True)
def _(mo):
    show_grid = mo.ui.checkbox(value=True, label="show grid")
    mo.md("## Plot settings")
    return (show_grid,)


@app.cell
def _(show_grid):
    grid_style = "dotted" if show_grid.value else "none"
    print(grid_style)
    return


if __name__ == "__main__":
    app.run()
