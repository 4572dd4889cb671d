import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo
    return (mo,)


@app.cell
def _(mo):
    # shown as the cell's last expression
    epochs = mo.ui.slider(1, 20, value=3, label="epochs")
    epochs
    return (epochs,)


@app.cell
def _(mo):
    # shown through another name that holds them
    learning_rate = mo.ui.number(0.0001, 0.1, value=0.001, label="lr")
    optimizer = mo.ui.dropdown(["adam", "sgd"], value="adam", label="optimizer")
    controls = mo.hstack([learning_rate, optimizer])
    return controls, learning_rate, optimizer


@app.cell
def _(controls):
    controls
    return


@app.cell
def _(mo):
    # embedded in markdown, in a sidebar, in a dict, a batch, a form, an array
    show_grid = mo.ui.checkbox(label="grid")
    theme = mo.ui.radio(["light", "dark"], value="light")
    seed = mo.ui.number(0, 100, value=0)
    name = mo.ui.text(value="run")
    notes = mo.ui.text_area()
    layers = mo.ui.slider(1, 4, value=2)
    grid_note = mo.md(f"Grid: {show_grid}")
    side = mo.sidebar([theme])
    settings = {"seed": seed}
    labelled = mo.md("Name: {name}").batch(name=name)
    submitted = notes.form()
    stack = mo.ui.array([layers])
    mo.vstack([grid_note, side, labelled, submitted, stack, settings])
    return layers, name, notes, seed, show_grid, theme


@app.cell
def _(mo):
    # passed to a helper, centered, appended to the output, bound by a walrus
    def card(element):
        return mo.vstack([mo.md("### Setting"), element])


    batch_size = mo.ui.number(8, 256, value=32)
    dropout = mo.ui.slider(0.0, 0.5, step=0.1, value=0.1)
    momentum = mo.ui.slider(0.0, 0.99, step=0.01, value=0.9)
    mo.output.append(card(batch_size))
    mo.output.append(dropout.center())
    mo.hstack([(warmup := mo.ui.number(0, 1000, value=100)), momentum])
    return batch_size, dropout, momentum, warmup


@app.cell
def _(mo):
    # made by a function: the caller displays it (or not), the rule cannot tell
    def make_slider():
        return mo.ui.slider(0, 10, value=5)


    made = make_slider()
    return (made,)


@app.cell
def _(
    batch_size,
    dropout,
    epochs,
    layers,
    learning_rate,
    made,
    momentum,
    name,
    notes,
    optimizer,
    seed,
    show_grid,
    theme,
    warmup,
):
    summary = [
        epochs.value,
        learning_rate.value,
        optimizer.value,
        show_grid.value,
        theme.value,
        seed.value,
        name.value,
        notes.value,
        layers.value,
        batch_size.value,
        dropout.value,
        momentum.value,
        warmup.value,
        made.value,
    ]
    print(summary)
    return


@app.cell
def _(mo):
    # an element whose value nobody reads is not this rule's business
    decoration = mo.ui.slider(0, 1)
    return


if __name__ == "__main__":
    app.run()
