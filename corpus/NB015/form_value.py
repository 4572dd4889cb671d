import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo
    return (mo,)


@app.cell
def _(mo):
    run_name = mo.ui.text(placeholder="run name").form(submit_button_label="Start")
    if run_name.value:
        print("starting", run_name.value)
    run_name
    return


if __name__ == "__main__":
    app.run()
