import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    size = 8  # bytes
    print(size)
    return


if __name__ == "__main__":
    app.run()
