import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import contextlib

    return (contextlib,)


@app.cell
def _():
    with open(__file__, encoding="utf-8") as fh:
        source_lines = fh.readlines()
        return source_lines


@app.cell
def _(contextlib, source_lines):
    with contextlib.nullcontext(source_lines) as lines:
        n_cells = sum(1 for line in lines if line.startswith("@app.cell"))
        return n_cells


@app.cell
def _(n_cells, source_lines):
    print(f"{n_cells} cells in {len(source_lines)} lines")
    return


if __name__ == "__main__":
    app.run()
