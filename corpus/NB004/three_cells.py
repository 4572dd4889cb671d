import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    batch = [1, 2, 3]
    print(sum(batch))
    return


@app.cell
def _():
    batch = [4, 5]
    print(len(batch))
    return


@app.cell
def _():
    batch = []
    print(batch or "empty")
    return


if __name__ == "__main__":
    app.run()
