import marimo

__generated_with = "0.25.2"
app = marimo.App()

with app.setup:
    KNOWN_LABELS = {"cat", "dog"}


@app.cell
def _():
    KNOWN_LABELS.discard("dog")
    return


@app.cell
def _():
    print(sorted(KNOWN_LABELS))
    return


if __name__ == "__main__":
    app.run()
