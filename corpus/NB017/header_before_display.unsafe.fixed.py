import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _(mo):
    mo.output.append(mo.md("## GPU Computation"))

    sizes = [256, 512, 1024]
    flops = [2 * n**3 for n in sizes]
    mo.ui.table([{"n": n, "flops": f} for n, f in zip(sizes, flops)])
    return


if __name__ == "__main__":
    app.run()
