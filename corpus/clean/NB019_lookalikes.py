import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _():
    from types import SimpleNamespace

    def md(text, caption, *, lable=""):
        return f"{text} ({caption}){lable}"

    def render(mo):
        # `mo` here is whatever the caller passes, not marimo
        return mo.md("# Report", "draft", lable="!")

    page = render(SimpleNamespace(md=md))
    note = md("GPU", "ready", lable="?")
    return


@app.cell
def _(mo):
    class Widgets:
        def slider(self, *, lable):
            return lable

    ui = Widgets()
    picked = ui.slider(lable="not marimo's")
    mo.md(picked)
    return


if __name__ == "__main__":
    app.run()
