import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def __(mo):
    spinner = mo.status.spinner(title="Counting")
    spinner.open()
    counts = {ch: "mississippi".count(ch) for ch in "misp"}
    spinner.close()
    return counts,


@app.cell
def __(counts):
    print(counts)
    return


if __name__ == "__main__":
    app.run()
