import marimo

__generated_with = "0.25.2"
app = marimo.App()

with app.setup:
    import json

    config = json.loads(raw_config)


@app.cell
def _():
    raw_config = "{\"rows\": 3}"
    return


@app.cell
def _():
    print(config)
    return


if __name__ == "__main__":
    app.run()
