import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo
    return (mo,)


@app.cell
def _(mo):
    learning_rate = mo.ui.slider(0.0001, 0.1, step=0.0001, value=0.001, label="learning rate")


    def describe_rate():
        # runs only when another cell calls it
        return f"learning rate {learning_rate.value:g}"


    learning_rate
    return describe_rate, learning_rate


@app.cell
def _(describe_rate, learning_rate):
    steps_per_epoch = 1000 if learning_rate.value > 0.01 else 4000
    print(describe_rate(), steps_per_epoch)
    return (steps_per_epoch,)


@app.cell
def _(mo, steps_per_epoch):
    # a new element built from another cell's element is fine
    warmup_steps = mo.ui.slider(0, steps_per_epoch, value=steps_per_epoch // 10, label="warmup")
    warmup_steps
    return (warmup_steps,)


@app.cell
def _(warmup_steps):
    print("warmup", warmup_steps.value)
    return


if __name__ == "__main__":
    app.run()
