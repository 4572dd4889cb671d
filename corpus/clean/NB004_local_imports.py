import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    def dump(value):
        import json

        return json.dumps(value)

    return (dump,)


@app.cell
def _():
    def load(text):
        import json

        return json.loads(text)

    return (load,)


@app.cell
def _():
    import json as _json

    print(_json.dumps([1]))
    return


@app.cell
def _(dump, load):
    print(load(dump({"ok": True})))
    return


if __name__ == "__main__":
    app.run()
