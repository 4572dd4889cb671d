import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _(height):
    width = height * 2
    return (width,)


@app.cell
def _(width):
    height = width / 2
    return (height,)


if __name__ == "__main__":
    app.run()
