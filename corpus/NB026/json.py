import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    # Saved as json.py: this import loads the notebook itself, not the standard library.
    import json

    return (json,)


@app.cell
def _(json):
    print(json.dumps({"rows": 3}))
    return


if __name__ == "__main__":
    app.run()
