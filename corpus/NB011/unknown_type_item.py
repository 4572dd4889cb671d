import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import json

    config = json.loads('{"lr": 0.1, "tags": []}')
    return (config,)


@app.cell
def _(config):
    config["lr"] = 0.01
    config["tags"].append("tuned")
    return


@app.cell
def _(config):
    print(config)
    return


if __name__ == "__main__":
    app.run()
