import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    from marimo import ui
    return (ui,)


@app.cell
def _(ui):
    dropout = ui.slider(0.0, 0.9, step=0.1, value=0.1)
    keep_probability = 1 - dropout.value
    dropout
    return


if __name__ == "__main__":
    app.run()
