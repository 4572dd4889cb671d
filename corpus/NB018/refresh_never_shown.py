import marimo

__generated_with = "0.25.2"
app = marimo.App(width="medium")


@app.cell
def _():
    import marimo as mo
    return (mo,)


@app.cell
def _(mo):
    # poll the training job every five seconds
    auto_refresh = mo.ui.refresh(options=["1s", "5s", "30s"], default_interval="5s")
    return (auto_refresh,)


@app.cell
def _(auto_refresh):
    auto_refresh.value
    job_status = "running"
    print(job_status)
    return


if __name__ == "__main__":
    app.run()
