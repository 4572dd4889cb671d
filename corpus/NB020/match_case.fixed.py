import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo
    return (mo,)


@app.cell
def _(mo):
    schedule = mo.ui.dropdown({"Cosine decay": "cosine", "Linear decay": "linear", "Constant": "constant"}, value="Constant")
    schedule
    return (schedule,)


@app.cell
def _(schedule):
    match schedule.value:
        case "cosine" | "linear":
            decays = True
        case "constant":
            decays = False
        case _:
            decays = None
    print(decays)
    return


if __name__ == "__main__":
    app.run()
