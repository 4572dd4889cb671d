import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    stages = ["load", "train", "evaluate"]
    return (stages,)


@app.cell
def _(stages):
    # One action per pipeline stage, run later by the scheduler cell.
    actions = []
    for stage in stages:
        actions.append(lambda stage=stage: f"running {stage}")
    return (actions,)


@app.cell
def _(actions):
    for action in actions:
        print(action())
    return


if __name__ == "__main__":
    app.run()
