# /// script
# requires-python = ">=3.10"
# dependencies = [
#     "marimo>=0.25",
# ]
# ///

import marimo

__generated_with = "0.25.2"
app = marimo.App()

with app.setup:
    import statistics

    baseline = statistics.mean(samples)


@app.cell
def _():
    samples = [1.0, 2.0, 4.0]
    return


@app.cell
def _():
    print(baseline)
    return


if __name__ == "__main__":
    app.run()
