import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    """Cell docstring: sets {name} and {step}."""
    name = "Ada"
    step = 3
    return name, step


@app.cell
def _(name, step):
    def describe(value):
        """Return {value} as text."""
        return str(value)

    class Run:
        """A run called {name}."""

        label = "run"

    "a bare string statement mentioning {name} does nothing"
    print(describe(step), Run.label)
    print(b"{name}", f"{name} at {step}", f"{{name}} at {{step}}")
    print("Hello {someone_else}", "{len} {id}")
    print("{name}" == name, "{step}" in "a{step}")
    print("a{name}b".split("{name}"))
    lookup = {"{name}": 1}
    print(lookup["{name}"])
    return


if __name__ == "__main__":
    app.run()
