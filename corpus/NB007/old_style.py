import marimo

__generated_with = "0.8.22"
app = marimo.App(width="medium")


@app.cell
def __():
    device = "cpu"
    return


@app.cell
def __():
    print("running on {device}")
    return


if __name__ == "__main__":
    app.run()
