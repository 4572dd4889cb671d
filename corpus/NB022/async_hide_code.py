import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import asyncio

    return (asyncio,)


@app.cell(hide_code=True)
async def _(asyncio, retries):
    payload = await asyncio.sleep(0, result={"retries": retries})
    return (payload,)


@app.cell
async def _(asyncio, payload):
    retries = await asyncio.sleep(0, result=len(payload))
    return (retries,)


if __name__ == "__main__":
    app.run()
