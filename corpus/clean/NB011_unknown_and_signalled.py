import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo
    return (mo,)


@app.cell
def _():
    class Parameter:
        value = None

    def parameter():
        return Parameter()

    gamma = parameter()
    return (gamma,)


@app.cell
def _(gamma):
    # an object of unknown type: setting its attribute is its API
    gamma.value = 0.5
    return


@app.cell
def _(gamma):
    print(gamma)
    return


@app.cell
def _(mo):
    get_tick, set_tick = mo.state(0)
    board = {"moves": []}
    return board, get_tick, set_tick


@app.cell
def _(board, set_tick):
    # the change is signalled: cells that read the state rerun
    board["moves"].append("e4")
    set_tick(lambda tick: tick + 1)
    return


@app.cell
def _(board, get_tick):
    print(get_tick(), board["moves"])
    return


if __name__ == "__main__":
    app.run()
