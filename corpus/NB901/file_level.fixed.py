import marimo

# nbfix: ignore-file[NB007]

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    unit = "ms"
    print("latency in {unit}")
    return


@app.cell
def _():
    value = 2  # nbfix: ignore-file is not a suppression at the end of a line
    print(value)
    return


if __name__ == "__main__":
    app.run()
