import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import asyncio

    shard_ids = [0, 1, 2]
    return asyncio, shard_ids


@app.cell
async def _(asyncio, shard_ids):
    for shard in shard_ids:
        await asyncio.sleep(0)
        print("prefetched shard {shard} of {len(shard_ids)}")
    return


if __name__ == "__main__":
    app.run()
