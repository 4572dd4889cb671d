import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell(hide_code=True)
def _(mo):
    auto_refresh = mo.ui.refresh(
        options=["Off", "5s", "30s", "1m"],  # "Off" first, as a dropdown would
        default_interval="5s",
        label="Auto refresh",
    )
    auto_refresh
    return


if __name__ == "__main__":
    app.run()
