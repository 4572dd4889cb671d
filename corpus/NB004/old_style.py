import marimo

__generated_with = "0.8.22"
app = marimo.App(width="medium")


@app.cell
def __():
    import marimo as mo
    return mo,


@app.cell
def __(mo):
    for row in range(2):
        print(row)
    mo.md("two rows")
    return


@app.cell
def __():
    for row in range(3):
        print(row)
    return


if __name__ == "__main__":
    app.run()
