import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    Batch_Size = 32
    return (Batch_Size,)


@app.cell
def _(Batch_Size):
    steps = [i * Batch_Size for i in range(3)]
    print(steps)
    return


if __name__ == "__main__":
    app.run()
