import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import json

    return (json,)


@app.cell
def _(json):
    run_meta = json.loads('{"run_id": "a1b2", "gpus": 8, "precision": "bf16"}')
    return (run_meta,)


@app.cell
def _(run_meta):
    print(f"run {run_meta['run_id']} on {run_meta['gpus']} GPUs")
    return


if __name__ == "__main__":
    app.run()
