import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    threshold = 0.5  # cut-off for a positive score
    return (threshold,)


@app.cell
def _(threshold):
    scores = [0.2, 0.7, 0.9]
    keep = [s for s in scores if s > threshold]
    print(keep)
    return


@app.cell
def _(threshold):
    print(f"threshold {threshold}")
    return


if __name__ == "__main__":
    app.run()
