import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    Batch_Size = 32
    return


@app.cell
def _(batch_size):
    steps = [i * batch_size for i in range(3)]
    print(steps)
    return


if __name__ == "__main__":
    app.run()
