import marimo

__generated_with = "0.8.22"
app = marimo.App()


@app.cell
def __():
    import marimo as mo
    return mo,


@app.cell
def __(mo):
    num_workers = mo.ui.number(0, 16, value=4)
    print("workers", num_workers.value)
    num_workers
    return


if __name__ == "__main__":
    app.run()
