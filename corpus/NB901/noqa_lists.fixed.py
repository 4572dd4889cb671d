import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import os  # noqa: F401
    import sys  # noqa: E402, F401
    path = sys.path[0]
    home = os.environ.get("HOME", "")  # noqa
    print(bool(path), bool(home) or True)
    return


if __name__ == "__main__":
    app.run()
