import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _():
    precision = "bf16"
    return (precision,)


@app.cell
def _(mo, precision):
    match precision:
        case "fp16":
            mo.md("float16: use a GradScaler")
        case "bf16":
            mo.md("bfloat16: no scaler needed")
        case "fp32" | "tf32":
            mo.md("full precision")
    return


if __name__ == "__main__":
    app.run()
