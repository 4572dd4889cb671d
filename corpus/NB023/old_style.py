import marimo

__generated_with = "0.13.0"
app = marimo.App(width="medium")

with app.setup:
    import random

    rng = random.Random(seed)


@app.cell
def __():
    seed = 7
    return


@app.cell
def __():
    print(rng.random())
    return


if __name__ == "__main__":
    app.run()
