import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    losses = []
    return (losses,)


@app.cell
def _(losses):
    for step in range(5):
        losses.append(1.0 / (step + 1))
    return


@app.cell
def _(losses):
    print(f"{len(losses)} losses recorded")
    return


if __name__ == "__main__":
    app.run()
