import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import string

    print(string.ascii_lowercase[:3])
    return (string,)


@app.cell
def _(string):
    # letters again

    print(string.digits[:3])
    return


if __name__ == "__main__":
    app.run()
