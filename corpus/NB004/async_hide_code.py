import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import asyncio

    return (asyncio,)


@app.cell(hide_code=True)
async def _(asyncio):
    for shard in range(3):
        await asyncio.sleep(0)
        print(f"prefetched shard {shard}")
    return


@app.cell
async def _(asyncio):
    shard = await asyncio.sleep(0, result="shard-7")  # the one to inspect
    print(shard)
    return


if __name__ == "__main__":
    app.run()
