import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    def describe(epoch, loss):
        # one line of the training log
        line = f"epoch {epoch}: loss {loss:.3f}"
        return line

    for _epoch, _loss in enumerate([0.912, 0.4871]):
        print(describe(_epoch, _loss))
    return


if __name__ == "__main__":
    app.run()
