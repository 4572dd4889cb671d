import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import json

    RAW_METRICS = '{"step": 1200, "loss": 0.4132, "lr": 0.0003}'
    return RAW_METRICS, json


@app.cell
def _(RAW_METRICS, json):
    try:
        metrics = json.loads(RAW_METRICS)
        return metrics
    except json.JSONDecodeError as err:
        print(f"could not parse metrics: {err}")
        metrics = {}
        return metrics


@app.cell
def _(metrics):
    print(f"step {metrics.get('step')}: loss={metrics.get('loss')}")
    return


if __name__ == "__main__":
    app.run()
