import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import string

    import marimo as mo

    return mo, string


@app.cell
def _():
    name = "Ada"
    epoch = 3
    loss = 0.25
    return epoch, loss, name


@app.cell
def _(epoch, loss, name):
    # formatted on the spot
    print("Hello {name}".format(name=name.upper()))
    print("epoch {epoch}: {loss:.2f}".format_map({"epoch": epoch + 1, "loss": loss}))
    # %-formatting has its own placeholders; the braces are meant literally
    print("%s keeps {loss} as written" % name)
    return


@app.cell
def _():
    # assigned here, formatted in a later cell
    row_template = "{name:<8} epoch {epoch}"
    templates = {"short": "{name}", "long": "{name} at epoch {epoch}"}
    return row_template, templates


@app.cell
def _(epoch, name, row_template, templates):
    print(row_template.format(name=name, epoch=epoch))
    for _key, _template in templates.items():
        print(_key, _template.format(name=name, epoch=epoch))
    return


@app.cell
def _(epoch, name):
    def render(template, **values):
        return template.format(**values)

    def banner(text, pattern="== {name} =="):
        return pattern.format(name=text)

    print(render("{name} finished epoch {epoch}", name=name, epoch=epoch))
    print(banner(name))
    return


@app.cell
def _(name, string):
    print(string.Template("$name and {name}").substitute(name=name))
    print(str.format("{name}!", name=name))
    print("{name}, {name}".replace("{name}", name))
    return


@app.cell
def _(mo):
    form = mo.md("Name: {name} Date: {date}").batch(name=mo.ui.text(), date=mo.ui.date())
    form
    return


if __name__ == "__main__":
    app.run()
