import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    from marimo import callout, md

    return callout, md


@app.cell
def _(callout, md):
    callout(md("Checkpoints are written to /tmp"), kind="info")
    checkpoint_dir = "/tmp"
    return


if __name__ == "__main__":
    app.run()
