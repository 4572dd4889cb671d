import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    size = 8  # nbfix: ignore[NB999]  # bytes
    print(size)  # nbfix: ignore
    return


if __name__ == "__main__":
    app.run()
