import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    from types import SimpleNamespace

    args = SimpleNamespace(batch_size=32, seed=0)
    return (args,)


@app.cell
def _(args):
    args.batch_size = 64
    return


@app.cell
def _(args):
    print(args.batch_size)
    return


if __name__ == "__main__":
    app.run()
