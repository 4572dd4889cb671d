import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    steps = 3
    # `label` comes from the cell below, which reads `steps` from this one:
    # reading it here would be a cycle, so this needs a hand edit.
    print("label is {label}")
    return (steps,)


@app.cell
def _(steps):
    label = "warmup-" + str(steps)
    return


if __name__ == "__main__":
    app.run()
