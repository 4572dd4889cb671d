import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _():
    memory_gb = 80
    return (memory_gb,)


@app.cell
def _(memory_gb, mo):
    # Pick the message for the memory budget.
    if memory_gb >= 40:  # A100/H100 class
        # plenty of room
        _output = mo.md(f"{memory_gb} GB: full batch")  # shown when big
    else:
        # small cards
        _output = mo.md(f"{memory_gb} GB: gradient accumulation")
        # end of the small-card branch

    # the cell's return follows
    _output
    return


if __name__ == "__main__":
    app.run()
