# /// script
# requires-python = ">=3.10"
# dependencies = [
#     "marimo>=0.25",
# ]
# ///

import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    from textwrap import dedent

    print(dedent("    indented"))
    return


if __name__ == "__main__":
    app.run()
