import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    scores = [0.71, 0.93, 0.88]
    return (scores,)


@app.cell
def _(scores):
    scores.sort()
    best = scores[-1]
    return


@app.cell
def _(scores):
    print(scores[0])
    return


if __name__ == "__main__":
    app.run()
