import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    # Saved as sqlite.py: `sqlite3` and `os.path` are other modules, and so is `db`,
    # which only has a submodule called `sqlite`.
    import os.path
    import sqlite3

    try:
        from db import sqlite  # noqa: F401
    except ImportError:
        pass
    connection = sqlite3.connect(":memory:")
    print(connection.execute("select 1").fetchone(), os.path.sep)
    return


if __name__ == "__main__":
    app.run()
