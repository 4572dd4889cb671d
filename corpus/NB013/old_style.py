import marimo

__generated_with = "0.8.22"
app = marimo.App(width="medium")


@app.cell
def __():
    thresholds = [0.25, 0.5, 0.75]
    return thresholds,


@app.cell
def __(thresholds):
    checks = []
    for threshold in thresholds:
        checks.append(lambda score: score >= threshold)
    return checks,


@app.cell
def __(checks):
    print([check(0.6) for check in checks])
    return


if __name__ == "__main__":
    app.run()
