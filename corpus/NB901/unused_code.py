import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    name = "world"
    print("{name}")  # nbfix: ignore[NB007, NB004]
    greeting = f"hello {name}"  # nbfix: ignore[NB007]
    print(greeting)
    return


if __name__ == "__main__":
    app.run()
