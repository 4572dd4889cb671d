import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    registry = {"models": [], "datasets": []}
    checkpoint_found = True
    return checkpoint_found, registry


@app.cell
def _(checkpoint_found, registry):
    if checkpoint_found:
        registry["models"].append("resnet18")
    return


@app.cell
def _(registry):
    print(registry["models"])
    return


if __name__ == "__main__":
    app.run()
