import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import itertools
    import pathlib

    return itertools, pathlib


@app.cell
def _(itertools):
    spinner = (frame for frame in itertools.cycle("|/-\\"))
    frames = [next(spinner) for _ in range(4)]
    spinner.close()
    print("".join(frames))
    return


@app.cell
def _():
    class Spinner:
        """A home-made spinner that really has open() and close()."""

        def __init__(self):
            self.visible = False

        def open(self):
            self.visible = True

        def close(self):
            self.visible = False

    console_spinner = Spinner()
    console_spinner.open()
    was_visible = console_spinner.visible
    console_spinner.close()
    print(was_visible, console_spinner.visible)
    return


@app.cell
def _(pathlib):
    handle = open(__file__, encoding="utf-8")
    first_line = handle.readline()
    handle.close()
    with pathlib.Path(__file__).open(encoding="utf-8") as source:
        line_count = sum(1 for _ in source)
    print(first_line.strip(), line_count > 0)
    return


if __name__ == "__main__":
    app.run()
