import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell(hide_code=True)
def _():
    import marimo as mo

    mo.md("Notes on the run")
    return


if __name__ == "__main__":
    app.run()
