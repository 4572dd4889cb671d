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

    waiting = mo.status.spinner(title="Waiting for workers")
    waiting.open()
    results = await asyncio.gather(*(asyncio.sleep(0, result=i) for i in range(3)))
    waiting.close()
    return (results,)


@app.cell
def _(results):
    print(results)
    return


if __name__ == "__main__":
    app.run()
