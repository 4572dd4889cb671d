import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    from marimo import ui
    return (ui,)


@app.cell
def _(ui):
    epochs = ui.number(1, 100, value=10, on_change=print)
    epochs
    return


if __name__ == "__main__":
    app.run()
