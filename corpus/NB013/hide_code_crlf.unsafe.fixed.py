import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell(hide_code=True)
def _(mo):
    mo.md(r"""
    # Callbacks per learning rate
    """)
    return


@app.cell(hide_code=True)
def _():
    schedules = {}
    for lr in (0.1, 0.01):
        schedules[lr] = lambda step, lr=lr: lr / (1 + step)
    return (schedules,)


@app.cell
def _(schedules):
    print([round(schedules[key](1), 4) for key in sorted(schedules)])
    return


if __name__ == "__main__":
    app.run()
