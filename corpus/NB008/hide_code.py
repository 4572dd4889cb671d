import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _():
    compute_capability = (8, 0)
    return (compute_capability,)


@app.cell(hide_code=True)
def _(compute_capability, mo):
    if compute_capability >= (8, 0):
        mo.md(r"""
        ### bfloat16 supported

        This GPU runs **bf16** autocast natively.
        """)
    else:
        mo.md(r"""
        ### float16 only

        Use fp16 autocast with a GradScaler.
        """)
    return


if __name__ == "__main__":
    app.run()
