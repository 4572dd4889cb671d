import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import asyncio

    return (asyncio,)


@app.cell(hide_code=True)
async def _(asyncio):
    for _shard in range(3):
        await asyncio.sleep(0)
        print(f"prefetched shard {_shard}")
    return


@app.cell
async def _(asyncio):
    _shard = await asyncio.sleep(0, result="shard-7")  # the one to inspect
    print(_shard)
    return


if __name__ == "__main__":
    app.run()
