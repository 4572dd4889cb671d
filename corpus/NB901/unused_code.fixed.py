import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    name = "world"
    print("{name}")  # nbfix: ignore[NB007]
    greeting = f"hello {name}"
    print(greeting)
    return


if __name__ == "__main__":
    app.run()
