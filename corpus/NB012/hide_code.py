import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo
    from transformers import AutoModel
    return AutoModel, mo


@app.cell
def _(mo):
    alpha = mo.ui.slider(0.0, 1.0, value=0.5)
    alpha
    return (alpha,)


@app.cell(hide_code=True)
def _(AutoModel, alpha):
    model = AutoModel.from_pretrained(
        "distilbert-base-uncased",  # a 250 MB download on first use
    )
    scale = alpha.value
    return


if __name__ == "__main__":
    app.run()
