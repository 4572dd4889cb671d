import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    a = 1  # keep this  # nbfix: ignore[NB007]
    b = 2  # nbfix: ignore[NB007]  # type: int
    c = 3  # nbfix: ignore[NB007] because the linter was wrong once
    # nbfix: ignore[NB002]
    d = 4  # nbfix:ignore[nb007]
    print(a + b + c + d)
    return


if __name__ == "__main__":
    app.run()
