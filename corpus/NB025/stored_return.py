import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    gpu_available = False
    return


app._unparsable_cell(
    r"""
    if gpu_available:
        backend = 'cudf'
        return backend
    else:
        backend = 'pandas'
        return backend
    """,
    name="_"
)


@app.cell
def _(backend):
    print(f"using {backend}")
    return


if __name__ == "__main__":
    app.run()
