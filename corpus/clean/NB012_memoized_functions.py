import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo
    return (mo,)


@app.cell
def _():
    class TinyModel:
        """Stands in for a pretrained model: loading it is the expensive step."""

        def __init__(self, name):
            self.name = name

        @classmethod
        def from_pretrained(cls, name):
            return cls(name)

        def __call__(self, x):
            return f"{self.name}({x})"
    return (TinyModel,)


@app.cell
def _(mo):
    temperature = mo.ui.slider(0.1, 2.0, step=0.1, value=1.0, label="temperature")
    temperature
    return (temperature,)


@app.cell
def _(TinyModel):
    # Functions that keep what they load, by hand: a slider move reloads nothing.
    _MODELS = {}

    def model_by_name(name):
        if name not in _MODELS:
            _MODELS[name] = TinyModel.from_pretrained(name)
        return _MODELS[name]

    _TOKENIZERS = {}

    def tokenizer_by_name(name):
        if name in _TOKENIZERS:
            return _TOKENIZERS[name]
        loaded = TinyModel.from_pretrained(name + "-tokenizer")
        _TOKENIZERS[name] = loaded
        return loaded

    _PIPELINES = {}

    def pipeline_by_name(name):
        try:
            return _PIPELINES[name]
        except KeyError:
            _PIPELINES[name] = TinyModel.from_pretrained(name + "-pipeline")
            return _PIPELINES[name]

    _shared = None

    def shared_model():
        global _shared
        if _shared is None:
            _shared = TinyModel.from_pretrained("tiny-shared")
        return _shared

    class Store:
        def __init__(self):
            self._model = None

        def model(self):
            if self._model is None:
                self._model = TinyModel.from_pretrained("tiny-store")
            return self._model

    def store_model(store):
        if not hasattr(store, "cached"):
            store.cached = TinyModel.from_pretrained("tiny-attr")
        return store.cached

    store = Store()
    return (
        model_by_name,
        pipeline_by_name,
        shared_model,
        store,
        store_model,
        tokenizer_by_name,
    )


@app.cell
def _(
    model_by_name,
    pipeline_by_name,
    shared_model,
    store,
    store_model,
    temperature,
    tokenizer_by_name,
):
    t = temperature.value
    print(model_by_name("tiny-a")(t), tokenizer_by_name("tiny-a")(t), pipeline_by_name("tiny-a")(t))
    print(shared_model()(t), store.model()(t), store_model(store)(t))
    return


if __name__ == "__main__":
    app.run()
