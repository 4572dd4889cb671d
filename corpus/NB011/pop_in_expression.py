import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    pending = ["shard-0.bin", "shard-1.bin", "shard-2.bin"]
    return (pending,)


@app.cell
def _(pending):
    next_shard = pending.pop(0)
    print("loading", next_shard)
    return


@app.cell
def _(pending):
    print(f"{len(pending)} shards left")
    return


if __name__ == "__main__":
    app.run()
