#!/usr/bin/env -S uv run --script
# -*- coding: utf-8 -*-
import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    try:
        import cupy as xp  # optional: the GPU array library
    except ImportError:
        import statistics as xp
    import click

    click.echo(xp.__name__ in ("cupy", "statistics"))
    return


if __name__ == "__main__":
    app.run()
