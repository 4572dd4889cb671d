# /// script
# dependencies = [
#     "marimo",
# ]
# ///

import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import click  # nbfix: ignore[NB014]
    import yaml

    click.echo(yaml.safe_dump([1, 2]), nl=False)
    return


if __name__ == "__main__":
    app.run()
