import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    def _fmt(nbytes):
        return f"{nbytes / 2**30:.1f} GiB"

    print(_fmt(80 * 2**30))
    return


@app.cell
def _():
    def _fmt(seconds):
        return f"{seconds * 1000:.0f} ms"

    print(_fmt(0.0123))
    return


if __name__ == "__main__":
    app.run()
