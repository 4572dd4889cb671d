import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    defaults = {"optimizer": "adam"}
    return (defaults,)


@app.cell
def _(defaults):
    defaults.update({"optimizer": "sgd", "momentum": 0.9})
    return


@app.cell
def _(defaults):
    print(defaults)
    return


if __name__ == "__main__":
    app.run()
