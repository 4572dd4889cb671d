import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import joblib
    import marimo as mo
    return joblib, mo


@app.cell
def _(joblib):
    def load_index(path):
        return joblib.load(path)
    return (load_index,)


@app.cell
def _(mo):
    k = mo.ui.number(1, 50, value=10, label="neighbours")
    k
    return (k,)


@app.cell
def _(k, load_index):
    index = load_index("embeddings/index.joblib")
    neighbours = index.kneighbors([[0.0] * 8], n_neighbors=k.value)
    return


if __name__ == "__main__":
    app.run()
