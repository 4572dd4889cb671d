# /// script
# dependencies = ["marimo", "PyYAML"]
# ///

import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    from yaml import safe_dump

    print(safe_dump({"model": "resnet18"}), end="")
    return


if __name__ == "__main__":
    app.run()
