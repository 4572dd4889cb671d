import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import re

    # `match` and `type` are soft keywords: plain names here.
    match = re.match(r"(\w+)-(\d+)", "run-42")
    type = match.group(1) if match else "none"
    return (type,)


@app.cell
def _(type):
    row = {"name": "alice", "runs": 3}
    # Different quotes inside the field: valid on every Python.
    label = f"{row['name']} ran {row['runs']} times as {type!r}"
    print(label)
    return


@app.cell
def _():
    file_format = """
@app.cell
def _():
    return

app._unparsable_cell(
    r'''
    x = (
    ''',
)
"""
    print(file_format.count("@app.cell"))
    return


@app.cell
def _():
    def first_positive(values):
        for value in values:
            if value > 0:
                return value
        return None

    print(first_positive([-1, 0, 2]))
    return


if __name__ == "__main__":
    app.run()
