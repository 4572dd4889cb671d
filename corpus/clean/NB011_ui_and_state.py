import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo
    return (mo,)


@app.cell
def _(mo):
    get_log, set_log = mo.state([])
    slider = mo.ui.slider(1, 10, value=3)
    slider
    return get_log, set_log, slider


@app.cell
def _(get_log, mo, set_log, slider):
    # state setters and marimo's own objects are meant to be driven from other cells
    set_log(lambda log: [*log, slider.value])
    mo.output.append(mo.md(f"{len(get_log())} entries"))
    return


@app.cell
def _(get_log):
    def record(entry, log=get_log()):
        # runs when called, not when the cell runs
        log.append(entry)
        return log
    return


if __name__ == "__main__":
    app.run()
