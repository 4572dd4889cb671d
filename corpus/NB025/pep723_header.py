# /// script
# requires-python = ">=3.11"
# dependencies = [
#     "marimo>=0.25",
# ]
# ///

import marimo

__generated_with = "0.25.2"
app = marimo.App(width="medium")


@app.cell
def _():
    rows = [("alice", 3), ("bob", 5)]
    return (rows,)


@app.cell
def _(rows):
    report = """
    name  | count
    ------+------
    for name, count in rows:
        print(name, count)
    return


@app.cell
def _(rows):
    total = sum(count for _, count in rows)
    print(total)
    return


if __name__ == "__main__":
    app.run()
