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
    # Mixed-precision choice

    The cell below picks a compute dtype from the reported GPU generation.
    """)
    return


@app.cell
def _():
    compute_capability = (7, 5)
    return (compute_capability,)


@app.cell(hide_code=True)
def _(compute_capability):
    if compute_capability >= (8, 0):
        amp_dtype = "bfloat16"
    else:
        amp_dtype = "float16"
    return (amp_dtype,)


@app.cell
def _(amp_dtype, mo):
    mo.md(f"Training will autocast to **{amp_dtype}**.")
    return


if __name__ == "__main__":
    app.run()
