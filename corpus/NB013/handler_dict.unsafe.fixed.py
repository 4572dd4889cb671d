# /// script
# requires-python = ">=3.10"
# dependencies = [
#     "marimo",
# ]
# ///

import marimo

__generated_with = "0.25.2"
app = marimo.App(width="medium")


@app.cell
def _():
    metrics = {"loss": 0.42, "accuracy": 0.91}
    return (metrics,)


@app.cell
def _(metrics):
    formatters = {}
    for metric_name in metrics:
        def format_metric(
            value,
            digits=2,
            metric_name=metric_name,
        ):
            return f"{metric_name}={value:.{digits}f}"

        formatters[metric_name] = format_metric
    return (formatters,)


@app.cell
def _(formatters, metrics):
    for key, value in metrics.items():
        print(formatters[key](value))
    return


if __name__ == "__main__":
    app.run()
