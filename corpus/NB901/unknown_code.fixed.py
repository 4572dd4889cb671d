import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    threshold = 0.5
    label = "héllo"  # tuned by hand
    print(threshold, label)
    return


if __name__ == "__main__":
    app.run()
