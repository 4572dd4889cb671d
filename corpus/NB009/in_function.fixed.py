import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _(mo):
    def require(value, what):
        if value is None:
            mo.stop(True, mo.md(f"Missing **{what}**"))
        return value

    return (require,)


@app.cell
def _(require):
    learning_rate = require(None, "learning rate")
    print(learning_rate)
    return


if __name__ == "__main__":
    app.run()
