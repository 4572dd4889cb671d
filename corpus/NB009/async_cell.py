import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _():
    import asyncio

    return (asyncio,)


@app.cell
async def _(asyncio, mo):
    healthy = await asyncio.sleep(0, result=False)
    mo.stop(mo.md("GPU health check failed"), not healthy)
    print("healthy")
    return


if __name__ == "__main__":
    app.run()
