import marimo

__generated_with = "0.8.22"
app = marimo.App(width="medium")


@app.cell
def __():
    import marimo as mo
    return mo,


@app.cell
def __(mo):
    for _row in range(2):
        print(_row)
    mo.md("two rows")
    return


@app.cell
def __():
    for _row in range(3):
        print(_row)
    return


if __name__ == "__main__":
    app.run()
