import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    cache = {"rows": 3}
    return (cache,)


@app.cell
def _(cache):
    # `del` runs after every cell that reads `cache`, and this cell hands `summary` to one.
    summary = dict(cache)
    del cache
    return (summary,)


@app.cell
def _(cache, summary):
    print(cache, summary)
    return


@app.cell
def _(cache):
    # Two cells that delete the same name must each run after the other.
    del cache
    return


if __name__ == "__main__":
    app.run()
