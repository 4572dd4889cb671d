import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
async def _(mo):
    import asyncio

    shards = ["a.bin", "b.bin", "c.bin"]
    sizes = []
    for shard in mo.status.progress_bar((name.upper() for name in shards), title="Shards"):
        sizes.append(await asyncio.sleep(0, result=len(shard)))
    for index, shard in mo.status.progress_bar(enumerate(shards)):
        sizes.append(index)
    return


if __name__ == "__main__":
    app.run()
