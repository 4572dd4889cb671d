# /// script
# requires-python = ">=3.10"
# dependencies = ["marimo"]
# ///
import marimo

__generated_with = "0.25.2"
app = marimo.App()

with app.setup:
    import json


@app.cell
def __():
    import string
    print(json.dumps(list(string.digits[:3])))
    return


if __name__ == "__main__":
    app.run()
