import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    threshold = 0.5
    return


@app.cell
def _(some_undefined_thing):
    print(some_undefined_thing)
    return


if __name__ == "__main__":
    app.run()
