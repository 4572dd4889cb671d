import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    def normalize(values):
        total = sum(values)
        return [v / total for v in values]
    return (normalize,)


@app.cell
def _(normalize):
    print(normalize([1, 3]))
    return


if __name__ == "__main__":
    app.run()
