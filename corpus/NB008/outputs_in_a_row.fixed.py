import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _():
    train_loss = [2.31, 1.87, 1.52, 1.33]
    eval_accuracy = 0.91
    return eval_accuracy, train_loss


@app.cell
def _(eval_accuracy, mo, train_loss):
    if train_loss[-1] < train_loss[0]:
        _output = mo.vstack([
            mo.md("## Training report"),
            # what the run did
            mo.md(f"Epochs: {len(train_loss)}"),
            mo.md(f"First loss: {train_loss[0]:.2f}"),  # before any update
            mo.md(f"Last loss: {train_loss[-1]:.2f}"),
            # the number that matters
            mo.md(f"Eval accuracy: {eval_accuracy:.0%}"),
        ])
    else:
        _output = mo.callout(mo.md("The loss went up"), kind="danger")
    _output
    return


@app.cell
def _(mo, train_loss):
    if len(train_loss) > 3: _output = mo.vstack([mo.md("### Long run"), mo.md(f"{len(train_loss)} epochs")])
    else:
        _output = None
    _output
    return


if __name__ == "__main__":
    app.run()
