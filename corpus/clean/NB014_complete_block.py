# /// script
# requires-python = ">=3.10"
# dependencies = [
#     "click>=8",
#     "marimo[recommended]>=0.25",
#     "pyyaml",  # listed under its PyPI spelling
# ]
# ///

import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import json
    import os.path
    from typing import TYPE_CHECKING

    import click
    import yaml

    if TYPE_CHECKING:
        from collections.abc import Mapping
    try:
        import cupy as xp  # optional GPU arrays
    except ImportError:
        xp = None
    return click, json, yaml


@app.cell
def _(click, json, yaml):
    click.echo(json.dumps(yaml.safe_load("a: 1")))
    return


if __name__ == "__main__":
    app.run()
