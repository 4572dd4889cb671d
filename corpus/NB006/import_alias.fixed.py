import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as marimo_lib

    return (marimo_lib,)


@app.cell
def _(marimo_lib):
    with marimo_lib.status.spinner(subtitle="Tokenizing"):
        tokens = "the quick brown fox jumps over the lazy dog".split()
    return (tokens,)


@app.cell
def _(tokens):
    print(len(tokens))
    return


if __name__ == "__main__":
    app.run()
