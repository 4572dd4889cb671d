import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo
    return (mo,)


@app.cell
def _(mo):
    def make_toggle(label):
        return mo.ui.switch(label=label, on_change=lambda enabled: print(label, enabled))


    toggles = mo.ui.array([make_toggle(name) for name in ("fp16", "compile", "profile")])
    toggles
    return


if __name__ == "__main__":
    app.run()
