import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    train_ids = list(range(0, 800))
    val_ids = list(range(800, 900))
    test_ids = list(range(900, 1000))
    return test_ids, train_ids, val_ids


@app.cell
def _(test_ids, train_ids, val_ids):
    sizes = {"train": len(train_ids), "val": len(val_ids), "test": len(test_ids)}
    print(sizes)
    return


if __name__ == "__main__":
    app.run()
