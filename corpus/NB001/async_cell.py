import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import asyncio

    CUDF_AVAILABLE = False
    shard_ids = list(range(4))
    return CUDF_AVAILABLE, asyncio, shard_ids


@app.cell
async def _(CUDF_AVAILABLE, asyncio, shard_ids):
    await asyncio.sleep(0)
    if CUDF_AVAILABLE:
        loaded = [f"device-shard-{i}" for i in shard_ids]
        return loaded
    else:
        loaded = [f"host-shard-{i}" for i in shard_ids]
        return loaded


@app.cell
def _(loaded):
    print(", ".join(loaded))
    return


if __name__ == "__main__":
    app.run()
