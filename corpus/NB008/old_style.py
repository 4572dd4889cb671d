import marimo

__generated_with = "0.8.22"
app = marimo.App(width="medium")


@app.cell
def __():
    import marimo as mo
    return mo,


@app.cell
def __():
    num_workers = 4
    return num_workers,


@app.cell
def __(mo, num_workers):
    if num_workers > 0:
        mo.md(f"{num_workers} data loader workers")
    else:
        mo.md("loading in the main process")
    return


if __name__ == "__main__":
    app.run()
