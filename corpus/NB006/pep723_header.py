# /// script
# requires-python = ">=3.11"
# dependencies = [
#     "marimo>=0.25",
# ]
# ///

import marimo

__generated_with = "0.25.2"
app = marimo.App(width="medium")


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _(mo):
    fetch_spinner = mo.status.spinner(title="Fetching", remove_on_exit=False)
    fetch_spinner.open()
    payload = {"items": list(range(7))}
    fetch_spinner.close()
    return (payload,)


@app.cell
def _(payload):
    print(len(payload["items"]))
    return


if __name__ == "__main__":
    app.run()
