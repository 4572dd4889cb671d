import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    from marimo import ui as widgets
    from marimo import status

    return status, widgets


@app.cell
def _(status, widgets):
    with status.spinner(title="Loading", text="weights"):
        epochs = widgets.number(start=1, stop=10, default=3)
    epochs
    return


if __name__ == "__main__":
    app.run()
