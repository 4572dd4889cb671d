import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    template = """
@app.cell
def _():
    return
"""
    print(template.count("@app.cell"))
    return


@app.cell
def _():
    values = [1, 2, 3
    doubled = [2 * v for v in values]
    return


@app.cell
def _():
    print("after the broken cell")
    return


if __name__ == "__main__":
    app.run()
