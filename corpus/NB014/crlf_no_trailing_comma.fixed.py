# /// script
# dependencies = [
#     "marimo",
#     "click",
#     "PyYAML",
# ]
# ///

import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import click
    import yaml

    click.echo(yaml.safe_dump({"crlf": True}), nl=False)
    return


if __name__ == "__main__":
    app.run()
