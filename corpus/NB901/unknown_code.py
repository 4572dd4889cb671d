import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    threshold = 0.5  # nbfix: ignore[NB999]
    label = "héllo"  # tuned by hand  # noqa: NB0077
    print(threshold, label)
    return


if __name__ == "__main__":
    app.run()
