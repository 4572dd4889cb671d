import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import asyncio

    return (asyncio,)


@app.cell
async def _(asyncio):
    await asyncio.sleep(0.01
    status = "slept"
    return


@app.cell
async def _(asyncio):
    await asyncio.sleep(0)
    print("still checked")
    return


if __name__ == "__main__":
    app.run()
