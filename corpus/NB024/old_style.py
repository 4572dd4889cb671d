import marimo

__generated_with = "0.8.22"
app = marimo.App(width="medium")


@app.cell
def __():
    from string import *
    print(ascii_lowercase)
    return


if __name__ == "__main__":
    app.run()
