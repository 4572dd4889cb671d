import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo
    from sentence_transformers import SentenceTransformer
    return SentenceTransformer, mo


@app.cell
def _(mo):
    query = mo.ui.text(placeholder="search the docs")
    query
    return (query,)


@app.cell
def _(SentenceTransformer, query):
    encoder = SentenceTransformer("all-MiniLM-L6-v2")
    query_embedding = encoder.encode(query.value)
    return


if __name__ == "__main__":
    app.run()
