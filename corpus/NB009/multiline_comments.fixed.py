import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _():
    uploaded = False
    return (uploaded,)


@app.cell
def _(mo, uploaded):
    mo.stop(
        not uploaded,  # stop until a file arrives
        mo.callout(
            mo.md("Upload a checkpoint to continue"),
            kind="info",
        ),  # what the user sees
    )
    print("checkpoint ready")
    return


if __name__ == "__main__":
    app.run()
