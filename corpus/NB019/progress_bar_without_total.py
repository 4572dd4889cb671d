import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _():
    epochs = 3
    return (epochs,)


@app.cell
def _(epochs, mo):
    losses = []
    for epoch in range(epochs):
        if epoch % 2 == 0:
            with mo.status.progress_bar(
                title=f"Epoch {epoch}",
                subtitle="training",  # no collection and no total
            ) as bar:
                for step in range(10):
                    losses.append(step)
                    bar.update()
    return


if __name__ == "__main__":
    app.run()
