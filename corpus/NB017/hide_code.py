import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell(hide_code=True)
def _(mo):
    mo.md(r"""
    ## Mixed precision

    bfloat16 keeps float32's exponent range, so it needs no loss scaling.
    """)

    precision = "bf16"
    return


if __name__ == "__main__":
    app.run()
