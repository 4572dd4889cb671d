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
    model_name = mo.ui.dropdown(["bert-base-uncased", "roberta-base"], value="bert-base-uncased")
    layer = mo.ui.slider(0, 11, value=6, label="layer")
    mo.hstack([model_name, layer])
    return layer, model_name


@app.cell
def _(AutoModel, layer, model_name):
    # the load needs `model_name`, but every move of `layer` reloads it too
    encoder = AutoModel.from_pretrained(model_name.value, output_hidden_states=True)
    chosen_layer = layer.value
    return


if __name__ == "__main__":
    app.run()
