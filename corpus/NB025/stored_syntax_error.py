import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    base = 10
    return (base,)


app._unparsable_cell(
    r"""
    scaled = base *
    """,
    name="_"
)


@app.cell
def _(base):
    print(base)
    return


if __name__ == "__main__":
    app.run()
