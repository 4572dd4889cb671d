import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _():
    shards = {"train": [1, 2, 3], "eval": []}
    return (shards,)


@app.cell
def _(mo, shards):
    sizes = {}
    for _name, _files in shards.items():
        if not _files:
            mo.callout(mo.md(f"Shard `{_name}` is empty"), kind="warn")
            continue
        try:
            sizes[_name] = sum(_files)
        except TypeError:
            mo.md(f"Shard `{_name}` holds something that is not a number")
            sizes[_name] = 0
    return


if __name__ == "__main__":
    app.run()
