import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import asyncio

    import marimo as mo

    return asyncio, mo


@app.cell
async def _(asyncio, mo):
    mo.md("Prefetching the next shard...")
    shard = await asyncio.sleep(0, result=[1, 2, 3])
    return


if __name__ == "__main__":
    app.run()
