import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo
    import numpy as np
    import onnxruntime as ort
    return mo, np, ort


@app.cell
def _(mo):
    threshold = mo.ui.slider(0.0, 1.0, step=0.05, value=0.5)
    threshold
    return (threshold,)


@app.cell
def _(np, ort, threshold):
    session = ort.InferenceSession("model.onnx", providers=["CPUExecutionProvider"])
    scores = session.run(None, {"input": np.zeros((1, 3), dtype=np.float32)})[0]
    positives = scores > threshold.value
    return


if __name__ == "__main__":
    app.run()
