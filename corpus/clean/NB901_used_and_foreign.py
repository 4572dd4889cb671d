import marimo

# nbfix: ignore-file[NB011]

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import os  # noqa: F401
    import sys  # noqa: E402, F401

    template = "# nbfix: ignore[NB999] is text in a string, not a comment"
    name = "world"
    print("hello {name}")  # nbfix: ignore[NB007]
    print("bye {name}")  # noqa: NB007, E501
    print("again {name}")  # nbfix: ignore
    print("once more {name}")  # noqa
    print(template)  # nbfix: ignore[NB010]
    items = []  # nbfix: ignore[NB999, NB901]
    return (items,)


@app.cell
def _(items):
    items.append(4)
    return


@app.cell
def _(items):
    print(items)
    return


if __name__ == "__main__":
    app.run()
