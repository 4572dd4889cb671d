import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo
    import onnx
    return mo, onnx


@app.cell
def _(mo):
    node_filter = mo.ui.text(placeholder="op type, e.g. Conv")
    node_filter
    return (node_filter,)


@app.cell
def _(node_filter, onnx):
    graph = onnx.load("model.onnx").graph
    matching = [node.name for node in graph.node if node.op_type == node_filter.value]
    return


if __name__ == "__main__":
    app.run()
