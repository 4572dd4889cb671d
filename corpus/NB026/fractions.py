import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    def half(value):
        # Only when called: still this notebook, not the module.
        from fractions import Fraction

        return Fraction(value, 2)

    try:
        import fractions.missing  # noqa: F401
    except ImportError:
        pass
    return


if __name__ == "__main__":
    app.run()
