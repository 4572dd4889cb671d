import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _():
    accuracy = 0.934
    run_dir = "runs/resnet50"
    return accuracy, run_dir


@app.cell
def _(accuracy, mo, run_dir):
    summary = mo.md(rf"""
    ## Results

    Top-1 accuracy: **{accuracy:.1%}**, checkpoints in `runs/` under {run_dir}.
    """)
    summary
    return (summary,)


@app.cell
def _(summary):
    print("<strong>93.4%</strong>" in summary.text)
    print("runs/resnet50" in summary.text)
    return


if __name__ == "__main__":
    app.run()
