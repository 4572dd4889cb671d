import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo
    return (mo,)


@app.cell
def _(mo):
    use_gpu = False
    if use_gpu:
        precision = mo.ui.radio(["fp16", "bf16"], value="bf16")
    else:
        precision = mo.ui.radio(["fp32"], value="fp32")
    return (precision,)


@app.cell
def _(precision):
    def bytes_per_param():
        return {"fp16": 2, "bf16": 2, "fp32": 4}[precision.value]


    for layer in ["embed", "head"]:
        with open(__file__) as handle:
            if precision.value != "fp32":
                print(layer, "half precision")
    print(bytes_per_param())
    return


if __name__ == "__main__":
    app.run()
