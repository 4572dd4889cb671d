import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo
    return (mo,)


@app.cell
def _(mo):
    speed = mo.ui.radio(options={"fast": 0.5, "slow": 2}, value="slow")
    speed
    return (speed,)


@app.cell
def _(speed):
    delay = speed.value
    return (delay,)


@app.cell
def _(delay):
    if delay == 2:
        print("waiting longer")
    return


if __name__ == "__main__":
    app.run()
