import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    _threshold = 0.5  # cut-off for a positive score
    return


@app.cell
def _():
    scores = [0.2, 0.7, 0.9]
    keep = [s for s in scores if s > _threshold]
    print(keep)
    return


@app.cell
def _():
    print(f"threshold {_threshold}")
    return


if __name__ == "__main__":
    app.run()
