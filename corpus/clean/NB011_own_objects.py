import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    base_config = {"lr": 0.1, "epochs": 3}
    losses = [0.9, 0.7]
    return base_config, losses


@app.cell
def _(base_config, losses):
    # copies and new objects belong to this cell: changing them is fine
    tuned = dict(base_config)
    tuned["lr"] = 0.01
    all_losses = [*losses]
    all_losses.append(0.5)
    _scratch = list(losses)
    _scratch.sort()
    merged = base_config | {"warmup": 100}
    print(tuned, all_losses, _scratch[0], merged)
    return


@app.cell
def _():
    # a name bound only inside a comprehension is not the other cell's `row`
    row = [0]
    return


@app.cell
def _():
    grid = [[1, 2], [3, 4]]
    tails = [row.pop() for row in grid]
    print(tails)
    return


@app.cell
def _(base_config, losses):
    # methods that do not change their object, and mutators whose result is used
    ordered = sorted(losses)
    position = losses.index(0.7)
    lookup = base_config.get("lr")
    print(ordered, position, lookup)
    return


if __name__ == "__main__":
    app.run()
