import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    seen = set()
    return (seen,)


@app.cell(hide_code=True)
def _(seen):
    for word in "the cat saw the dog".split():
        seen.add(word)
    return


@app.cell
def _(seen):
    print(len(seen))
    return


if __name__ == "__main__":
    app.run()
