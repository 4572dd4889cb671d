import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell(hide_code=True)
def _():
    import collections
    import statistics

    return collections, statistics


@app.cell
def _(collections):
    # Count the words once more in this cell; it imports statistics again.
    import statistics

    counts = collections.Counter("the cat the hat".split())
    print(statistics.mean(counts.values()))
    return counts, statistics


@app.cell
def _(counts, statistics):
    print(statistics.median(counts.values()))
    return


if __name__ == "__main__":
    app.run()
