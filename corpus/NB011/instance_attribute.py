import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    class Tracker:
        def __init__(self):
            self.best = None


    tracker = Tracker()
    return (tracker,)


@app.cell
def _(tracker):
    tracker.best = 0.93
    return


@app.cell
def _(tracker):
    print(tracker.best)
    return


if __name__ == "__main__":
    app.run()
