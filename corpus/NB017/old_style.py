import marimo

__generated_with = "0.8.22"
app = marimo.App(width="medium")


@app.cell
def __():
    import marimo as mo
    return mo,


@app.cell
def __(mo):
    mo.md("### Data loader settings")
    num_workers = 4
    pin_memory = True
    return


if __name__ == "__main__":
    app.run()
