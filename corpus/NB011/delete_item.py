import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    cache = {"train": [1, 2, 3], "valid": [4, 5]}
    return (cache,)


@app.cell
def _(cache):
    del cache["train"]
    return


@app.cell
def _(cache):
    print(sorted(cache))
    return


if __name__ == "__main__":
    app.run()
