# /// script
# dependencies = [
#     "click",
#     "marimo",
#     "PyYAML",
# ]
# ///

import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import json

    import click
    import yaml

    return click, json, yaml


@app.cell
def _(click, json, yaml):
    config = yaml.safe_load("epochs: 3\nlr: 0.01")
    click.echo(json.dumps(config, sort_keys=True))
    return


if __name__ == "__main__":
    app.run()
