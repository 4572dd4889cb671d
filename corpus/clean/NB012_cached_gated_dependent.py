import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import functools

    import marimo as mo
    return functools, mo


@app.cell
def _():
    class TinyModel:
        """Stands in for a pretrained model: loading it is the expensive step."""

        loads = 0

        def __init__(self, name):
            self.name = name

        @classmethod
        def from_pretrained(cls, name):
            cls.loads += 1
            return cls(name)

        def __call__(self, x):
            return f"{self.name}({x})"
    return (TinyModel,)


@app.cell
def _(mo):
    temperature = mo.ui.slider(0.1, 2.0, step=0.1, value=1.0, label="temperature")
    model_name = mo.ui.dropdown(["tiny-a", "tiny-b"], value="tiny-a", label="model")
    run = mo.ui.run_button(label="generate")
    mo.vstack([temperature, model_name, run])
    return model_name, run, temperature


@app.cell
def _(TinyModel):
    # loaded once, in a cell that reads no UI element
    base_model = TinyModel.from_pretrained("tiny-base")
    return (base_model,)


@app.cell
def _(base_model, temperature):
    print(base_model(temperature.value))
    return


@app.cell
def _(TinyModel, functools, mo):
    @mo.cache
    def load_cached(name):
        return TinyModel.from_pretrained(name)


    @functools.lru_cache(maxsize=2)
    def load_lru(name):
        return TinyModel.from_pretrained(name)
    return load_cached, load_lru


@app.cell
def _(load_cached, load_lru, temperature):
    # cached loading functions: a slider move hits the cache
    cached_model = load_cached("tiny-a")
    lru_model = load_lru("tiny-b")
    print(cached_model(temperature.value), lru_model(temperature.value))
    return


@app.cell
def _(TinyModel, model_name):
    # the load takes the picked model as input: it has to rerun when the pick changes
    picked = model_name.value
    picked_model = TinyModel.from_pretrained(picked)
    print(picked_model("x"))
    return


@app.cell
def _():
    loaded_models = {}
    return (loaded_models,)


@app.cell
def _(TinyModel, loaded_models, model_name, temperature):
    # a hand-made cache
    if model_name.value not in loaded_models:
        loaded_models[model_name.value] = TinyModel.from_pretrained(model_name.value)
    print(loaded_models[model_name.value](temperature.value))
    return


@app.cell
def _(TinyModel, run, temperature):
    # gated by a run button: a slider move stops the cell before the load
    if run.value:
        gated_model = TinyModel.from_pretrained("tiny-gated")
        print(gated_model(temperature.value))
    return


@app.cell
def _(TinyModel, mo, run, temperature):
    mo.stop(not run.value)
    stopped_model = TinyModel.from_pretrained("tiny-stopped")
    print(stopped_model(temperature.value))
    return


if __name__ == "__main__":
    app.run()
