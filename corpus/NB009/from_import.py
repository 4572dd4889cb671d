import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    from marimo import md, stop

    return md, stop


@app.cell
def _():
    model_loaded = False
    return (model_loaded,)


@app.cell
def _(md, model_loaded, stop):
    stop(md("Load a model first"), not model_loaded)
    print("model ready")
    return


if __name__ == "__main__":
    app.run()
