import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _(mo):
    checkpoints = ["epoch-1", "epoch-5", "epoch-10"]
    load_buttons = mo.ui.array(
        [
            mo.ui.button(
                label=f"Load {checkpoint}",
                value=None,
                on_click=lambda _value: checkpoint,
            )
            for checkpoint in checkpoints
        ]
    )
    load_buttons
    return


if __name__ == "__main__":
    app.run()
