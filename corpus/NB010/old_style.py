import marimo

__generated_with = "0.8.22"
app = marimo.App()


@app.cell
def __():
    import marimo as mo
    return mo,


@app.cell
def __(mo):
    verbose = mo.ui.checkbox(label="verbose", on_change=lambda flag: print("verbose", flag))
    verbose
    return


if __name__ == "__main__":
    app.run()
