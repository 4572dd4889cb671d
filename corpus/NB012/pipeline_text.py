import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo
    from transformers import pipeline
    return mo, pipeline


@app.cell
def _(mo):
    review = mo.ui.text(placeholder="Type a review")
    review
    return (review,)


@app.cell
def _(pipeline, review):
    classifier = pipeline("sentiment-analysis")
    classifier(review.value)
    return


if __name__ == "__main__":
    app.run()
