# /// script
# requires-python = ">=3.10"
# dependencies = [
#     "marimo",
# ]
#
# [tool.uv]
# exclude-newer = "2026-01-01T00:00:00Z"
# ///

import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import statistics

    print(statistics.mean([1, 2, 3]))
    return


if __name__ == "__main__":
    app.run()
