import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    for _epoch in range(2):
        print("warmup epoch", _epoch)
    return


@app.cell
def _():
    for _epoch in range(3):
        print("train epoch", _epoch)
    return


if __name__ == "__main__":
    app.run()
