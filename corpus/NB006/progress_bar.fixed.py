import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _(mo):
    with mo.status.progress_bar(total=5, title="Epochs") as bar:
        losses = []
        for epoch in range(5):
            losses.append(1.0 / (epoch + 1))
            bar.update()
    return (losses,)


@app.cell
def _(losses):
    print(round(losses[-1], 2))
    return


if __name__ == "__main__":
    app.run()
