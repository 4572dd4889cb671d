import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    def fmt(nbytes):
        return f"{nbytes / 2**30:.1f} GiB"

    print(fmt(80 * 2**30))
    return


@app.cell
def _():
    def fmt(seconds):
        return f"{seconds * 1000:.0f} ms"

    print(fmt(0.0123))
    return


if __name__ == "__main__":
    app.run()
