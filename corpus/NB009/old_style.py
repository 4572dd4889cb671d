import marimo

__generated_with = "0.8.22"
app = marimo.App(width="medium")


@app.cell
def __():
    import marimo as mo
    return mo,


@app.cell
def __():
    gpu_count = 0
    return gpu_count,


@app.cell
def __(gpu_count, mo):
    mo.stop(mo.md("This cell needs a GPU"), gpu_count == 0)
    print(gpu_count)
    return


if __name__ == "__main__":
    app.run()
