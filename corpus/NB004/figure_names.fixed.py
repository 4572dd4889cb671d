import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.function
def subplots():
    """Stands in for matplotlib's plt.subplots() so the notebook runs anywhere."""
    figure = {"axes": []}
    axes = figure["axes"]
    return figure, axes


@app.cell
def _():
    _fig, _ax = subplots()
    _ax.append(("loss", [2.3, 1.1, 0.7]))
    _fig
    return


@app.cell
def _():
    _fig, _ax = subplots()
    _ax.append(("gpu util", [0.91, 0.47, 0.88]))
    _fig
    return


if __name__ == "__main__":
    app.run()
