import marimo

__generated_with = "0.25.2"
app = marimo.App()

with app.setup:
    import marimo as mo


@app.function
def banner(text):
    return mo.callout(text, kind="info", icon="gpu")


@app.cell
def _():
    banner("Ready")
    return


if __name__ == "__main__":
    app.run()
