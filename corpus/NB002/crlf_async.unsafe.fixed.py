import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import asyncio

    MAX_RETRIES = 3
    return MAX_RETRIES, asyncio


@app.cell
async def _(asyncio, MAX_RETRIES):
    await asyncio.sleep(0)
    for attempt in range(MAX_RETRIES):
        print("attempt", attempt)
    return


if __name__ == "__main__":
    app.run()
