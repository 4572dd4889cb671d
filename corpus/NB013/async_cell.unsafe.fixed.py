import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import asyncio

    return (asyncio,)


@app.cell
async def _(asyncio):
    retries = []
    for attempt in range(3):
        await asyncio.sleep(0)
        retries.append(lambda attempt=attempt: attempt)  # the delay to wait before this retry
    return (retries,)


@app.cell
def _(retries):
    print([retry() for retry in retries])
    return


if __name__ == "__main__":
    app.run()
