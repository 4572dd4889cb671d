import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    GPU_COUNT = 0
    shard_paths = ["shard-000.bin", "shard-001.bin", "shard-002.bin"]
    return GPU_COUNT, shard_paths


@app.cell
def _(shard_paths):
    def load_device():
        print(f"reading {len(shard_paths)} shards into device memory")
        return [1.0, 2.0, 3.0]

    def load_host():
        print(f"reading {len(shard_paths)} shards into host memory")
        return [1.0, 2.0, 3.0]

    return load_device, load_host


@app.cell
def _(GPU_COUNT, load_device, load_host):
    if GPU_COUNT:
        load_device()
    else:
        load_host()
    return


@app.cell
def _(shard_paths):
    try:
        print(f"first shard: {shard_paths[0]}")
    except IndexError:
        print("no shards")
    return


if __name__ == "__main__":
    app.run()
