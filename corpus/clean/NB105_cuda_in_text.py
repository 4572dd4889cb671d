import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _(mo):
    # "cuda" as a word, a label or a comparison moves nothing to a GPU.
    backends = {"cuda": "NVIDIA", "rocm": "AMD"}
    selected = "cpu"
    if selected == "cuda":
        print("would need a GPU")
    mo.md(f"Install the **cuda** toolkit for `{backends['cuda']}` cards.")
    return


if __name__ == "__main__":
    app.run()
