import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo
    return (mo,)


@app.cell
def _(mo):
    batch_size = mo.ui.dropdown(["16", "32", "64"], value="32", label="batch size")


    def describe_batch():
        return f"{int(batch_size.value) * 8} samples per step on 8 GPUs"


    mo.vstack([batch_size, mo.md(describe_batch())])
    return


if __name__ == "__main__":
    app.run()
