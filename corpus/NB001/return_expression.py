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
        return load_device()
    else:
        return load_host()


@app.cell
def _(shard_paths):
    try:
        return print(f"first shard: {shard_paths[0]}")
    except IndexError:
        return print("no shards")


if __name__ == "__main__":
    app.run()
