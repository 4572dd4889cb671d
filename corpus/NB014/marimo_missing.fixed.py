# /// script
# requires-python = ">=3.10"
# dependencies = [
#     "pyyaml>=6",  # config files
#     "marimo",
# ]
#
# [tool.marimo.runtime]
# auto_instantiate = false
# ///

import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import yaml

    print(yaml.safe_load("ok: true"))
    return


if __name__ == "__main__":
    app.run()
