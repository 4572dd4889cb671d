import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import string

    print(string.ascii_lowercase[:3])
    return


@app.cell
def _():
    # letters again
    import string

    print(string.digits[:3])
    return


if __name__ == "__main__":
    app.run()
