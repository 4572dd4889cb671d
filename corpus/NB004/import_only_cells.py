import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import json

    return (json,)


@app.cell
def _():
    import json

    return (json,)


@app.cell
def _(json):
    print(json.dumps({"ok": True}))
    return


if __name__ == "__main__":
    app.run()
