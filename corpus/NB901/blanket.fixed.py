import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    rate = 3
    print("rate: {rate}")  # nbfix: ignore
    total = rate * 2
    print(total)
    return


if __name__ == "__main__":
    app.run()
