import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _():
    world_size = 1
    return (world_size,)


@app.cell
def _(mo, world_size):
    if world_size > 1:
        mo.md(f"distributed over {world_size} ranks")
    else:
        mo.md("single process")
    return


if __name__ == "__main__":
    app.run()
