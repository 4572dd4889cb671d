import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo
    return (mo,)


@app.cell
def _(mo):
    comparison = mo.ui.dropdown(
        options={"both": "CPU vs GPU", "gpu": "GPU only"},
        value="both",
        label="benchmark",
    )
    comparison
    return (comparison,)


@app.cell
def _(comparison):
    if comparison.value == "both":  # run the CPU baseline too
        print("running the CPU baseline")
    print("running on the GPU")
    return


if __name__ == "__main__":
    app.run()
