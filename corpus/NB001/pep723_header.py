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
    import statistics

    epoch_losses = [2.31, 1.87, 1.52, 1.49, 1.51]
    return epoch_losses, statistics


@app.cell
def _(epoch_losses, statistics):
    if epoch_losses[-1] > min(epoch_losses):
        verdict = "plateau"
        spread = statistics.pstdev(epoch_losses[-3:])
        return verdict, spread
    else:
        verdict = "improving"
        spread = 0.0
        return verdict, spread


@app.cell
def _(spread, verdict):
    print(f"training is {verdict} (recent spread {spread:.3f})")
    return


if __name__ == "__main__":
    app.run()
