import marimo

__generated_with = "0.25.2"
app = marimo.App()


with app.setup:
    SEED = 0


@app.cell
def _():
    SEED = 1234
    print(SEED)
    return


if __name__ == "__main__":
    app.run()
