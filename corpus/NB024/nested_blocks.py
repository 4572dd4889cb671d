import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import sys

    if sys.platform == "win32":
        from ntpath import *  # noqa: F403 (another linter's code: nbfix still reports it)
    else:
        try:
            from posixpath import *
        except ImportError:
            pass
    return


@app.cell
def _():
    def load():
        from json import *

        return loads("[1]")

    return


if __name__ == "__main__":
    app.run()
