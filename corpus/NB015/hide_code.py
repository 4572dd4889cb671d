import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo
    return (mo,)


@app.cell(hide_code=True)
def _(mo):
    show_grid = mo.ui.checkbox(label="show grid", value=True)
    caption = "grid on" if show_grid.value else "grid off"
    mo.hstack([show_grid, mo.md(caption)])
    return


if __name__ == "__main__":
    app.run()
