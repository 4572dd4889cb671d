import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    a = 1  # keep this
    b = 2  # type: int
    c = 3  # because the linter was wrong once
    d = 4
    print(a + b + c + d)
    return


if __name__ == "__main__":
    app.run()
