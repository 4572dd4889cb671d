import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import csv
    import io

    rows = list(csv.reader(io.StringIO("a,b\n1,2")))
    return


if __name__ == "__main__":
    app.run()
