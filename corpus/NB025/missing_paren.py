import marimo

__generated_with = "0.25.2"
app = marimo.App(width="medium")


@app.cell
def _():
    import marimo as mo

    losses = [2.31, 1.87, 1.52, 1.49]
    return losses, mo


@app.cell
def _(losses):
    # the closing parenthesis of the mean went missing while editing
    mean_loss = (sum(losses) / len(losses)
    best = min(losses)
    return


@app.cell
def _(losses, mo):
    mo.md(f"{len(losses)} epochs logged")
    return


if __name__ == "__main__":
    app.run()
