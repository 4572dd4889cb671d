import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _(mo):
    sizes = ["small", "large"]
    # Bound as default arguments: each button keeps its own size.
    size_buttons = [
        mo.ui.button(label=size, value=None, on_click=lambda _value, size=size: size) for size in sizes
    ]
    scalers = []
    for factor in (2, 3):
        scalers.append(lambda x, factor=factor: x * factor)
    return (scalers,)


@app.cell
def _(scalers):
    # Called within the iteration, or consumed at once: nothing outlives the loop.
    squares = []
    for n in range(3):
        square = lambda: n * n
        squares.append(square())
    ranked = sorted(["bb", "a", "ccc"], key=lambda word: len(word))
    shifted = [list(map(lambda v: v + k, [0, 1])) for k in (10, 20)]
    lazy = [make() for make in (lambda: i for i in range(2))]
    print(squares, ranked, shifted, lazy, [scale(1) for scale in scalers])
    return


if __name__ == "__main__":
    app.run()
