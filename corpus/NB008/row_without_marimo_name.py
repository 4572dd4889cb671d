import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    from marimo import md

    return (md,)


@app.cell
def _(md):
    if md:
        md("## Device")
        md("Running on the CPU")
    return


if __name__ == "__main__":
    app.run()
