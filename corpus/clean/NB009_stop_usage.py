import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _():
    ready = True
    items = [1, 2, 3]
    message = "not ready"
    return items, message, ready


@app.cell
def _(mo, ready):
    mo.stop(not ready, mo.md("Configure the run first"))
    print("configured")
    return


@app.cell
def _(items, mo):
    mo.stop(len(items) == 0, "No items")
    mo.stop(predicate=not items, output=mo.callout(mo.md("Empty"), kind="warn"))
    print(items)
    return


@app.cell
def _(message, mo, ready):
    mo.stop(not ready and message)
    mo.stop(ready is None)
    return


@app.cell
def _():
    class Timer:
        def stop(self, label):
            return f"{label} stopped"

    def stop(label):
        return f"{label} done"

    timer = Timer()
    print(timer.stop("epoch timer"), stop("warmup"))
    return


if __name__ == "__main__":
    app.run()
