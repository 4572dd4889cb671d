import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell(hide_code=True)
def _():
    import marimo as mo
    return (mo,)


@app.cell(hide_code=True)
def _(mo):
    username = mo.ui.text(label="user")
    username
    return (username,)


@app.cell(hide_code=True)
def _(username):
    username.value: str = username.value.strip()
    return


if __name__ == "__main__":
    app.run()
