import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _():
    a, b = 1, 2
    color = "red"
    name = "Ada"
    HOME = "/home/ada"
    return


@app.cell
def _(mo):
    payload = '{"name": "Ada", "color": "red"}'
    css = "p {color: red} .hint {color:blue; margin: 0}"
    js = "const greeting = `Hello ${name}`"
    shell = "echo ${HOME} %{name} #{name}"
    jinja = "Hello {{ name }} in {{color}}"
    placeholders = "sets print as {} and {0} and {a, b}"
    print(payload, css, js, shell, jinja, placeholders, sep="\n")
    mo.vstack(
        [
            mo.md(r"$\frac{a}{b}$ and $x^{b}$"),
            mo.md("Write `{name}` to insert a name, or `{color}` for its colour."),
            mo.md("""
            ```python
            print(f"{name} likes {color}")
            ```
            """),
        ]
    )
    return


if __name__ == "__main__":
    app.run()
