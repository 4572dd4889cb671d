import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    raw_batches = [[0.5, 0.25], [1.0, 0.75, 0.5], [0.125]]
    return (raw_batches,)


@app.cell
def _(raw_batches):
    # used to be: padded_batches = pad(raw_batches); now we flatten instead
    flat = [value for batch in raw_batches for value in batch]
    return flat, padded_batches


@app.cell
def _(flat):
    print(f"{len(flat)} values, max {max(flat)}")
    return


if __name__ == "__main__":
    app.run()
