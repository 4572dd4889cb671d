import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _(mo):
    def labeled_slider(label, **kwargs):
        return mo.ui.slider(label=label, **kwargs)

    def stack(*items, **layout):
        return mo.vstack(*items, **layout)

    settings = {"options": ["cpu", "cuda"], "value": "cpu"}
    device = mo.ui.dropdown(**settings)
    progress_args = {"total": 2}
    with mo.status.progress_bar(**progress_args) as bar:
        bar.update(increment=2)
    stack([labeled_slider("lr", start=1, stop=10), device], align="start")
    return


if __name__ == "__main__":
    app.run()
