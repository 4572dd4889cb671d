import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    counts = {"ok": 0, "failed": 0}
    return (counts,)


@app.cell
def _(counts):
    for status in ["ok", "failed", "ok"]:
        counts[status] += 1
    return


@app.cell
def _(counts):
    print(counts)
    return


if __name__ == "__main__":
    app.run()
