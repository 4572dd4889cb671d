import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo
    return (mo,)


@app.cell
def _(mo):
    get_threshold, set_threshold = mo.state(0.5)
    get_tags, set_tags = mo.state([])
    return get_tags, get_threshold, set_tags, set_threshold


@app.cell
def _(get_threshold, mo, set_threshold):
    # the documented way to keep two elements in sync: the callback sets state
    slider = mo.ui.slider(0.0, 1.0, step=0.05, value=get_threshold(), on_change=set_threshold)
    number = mo.ui.number(0.0, 1.0, step=0.05, value=get_threshold(), on_change=lambda v: set_threshold(v))
    mo.hstack([slider, number])
    return


@app.cell
def _(mo, set_tags):
    def add_tag(tag):
        if tag:
            set_tags(lambda tags: [*tags, tag])


    tag_entry = mo.ui.text(placeholder="tag", on_change=add_tag)
    clear = mo.ui.button(label="clear", on_change=lambda _: set_tags([]))
    mo.hstack([tag_entry, clear])
    return


@app.cell
def _(get_tags, get_threshold):
    print(get_threshold(), get_tags())
    return


if __name__ == "__main__":
    app.run()
