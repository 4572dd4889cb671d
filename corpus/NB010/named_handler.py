import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo
    return (mo,)


@app.cell
def _(mo):
    def log_threshold(value):
        print(f"threshold is now {value}")


    threshold = mo.ui.slider(0.0, 1.0, step=0.05, value=0.5, on_change=log_threshold)
    threshold
    return


if __name__ == "__main__":
    app.run()
