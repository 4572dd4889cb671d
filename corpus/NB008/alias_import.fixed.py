import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    from marimo import callout, md

    return callout, md


@app.cell
def _():
    cuda_version = "12.4"
    return (cuda_version,)


@app.cell
def _(callout, cuda_version, md):
    if cuda_version.startswith("12"):
        _output = md(f"CUDA {cuda_version}")
    else:
        _output = callout(md(f"CUDA {cuda_version} is old"), kind="warn")
    _output
    return


if __name__ == "__main__":
    app.run()
