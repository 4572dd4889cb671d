import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    batches = [[0.1, 0.2], [0.3], [], [0.4, 0.5]]
    return (batches,)


@app.cell
def _(batches):
    for batch in batches:
        if not batch:
            return
        print(f"batch mean {sum(batch) / len(batch):.2f}")


@app.cell
def _():
    attempts = 0
    while attempts < 5:
        attempts += 1
        if attempts == 3:
            print("allocator warmed up")
            return attempts


@app.cell
def _(batches):
    for shard in batches:
        shard_total = sum(shard)
        return shard_total


if __name__ == "__main__":
    app.run()
