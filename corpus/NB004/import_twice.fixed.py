import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import json

    print(json.dumps({"device": "cuda:0", "batch_size": 64}))
    return (json,)


@app.cell
def _(json):
    config = json.loads('{"lr": 0.001}')
    print(config["lr"])
    return


if __name__ == "__main__":
    app.run()
