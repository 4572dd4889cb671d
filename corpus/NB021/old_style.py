import marimo

__generated_with = "0.8.22"
app = marimo.App(width="medium")


@app.cell
def __():
    import marimo as mo
    return mo,


@app.cell
def __(mo):
    enabled = mo.ui.switch(label="enabled")
    enabled
    return enabled,


@app.cell
def __(enabled):
    enabled.value = True
    return


if __name__ == "__main__":
    app.run()
