import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    # `step` here is the comprehension's own variable, not the cell below's.
    steps = [step * 2 for step in range(3)]
    return (steps,)


@app.cell
def _(steps):
    step = len(steps)
    return (step,)


@app.cell
def _(step):
    def scale(steps):
        # A parameter named like another cell's variable reads nothing from it.
        return [value * step for value in steps]

    return (scale,)


@app.cell
def _(scale, steps):
    scratch = scale(steps)
    print(scratch)
    del scratch  # deletes this cell's own name: no other cell is involved
    return


@app.cell
def _(step, steps):
    # Reads both ends of the chain, defines nothing anyone reads.
    print(step, steps)
    return


if __name__ == "__main__":
    app.run()
