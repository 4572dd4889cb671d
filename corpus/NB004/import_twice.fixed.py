import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import json as _json

    print(_json.dumps({"device": "cuda:0", "batch_size": 64}))
    return


@app.cell
def _():
    import json as _json

    config = _json.loads('{"lr": 0.001}')
    print(config["lr"])
    return


if __name__ == "__main__":
    app.run()
