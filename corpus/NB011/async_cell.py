import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import asyncio

    results = []
    return asyncio, results


@app.cell
async def _(asyncio, results):
    await asyncio.sleep(0)
    results.extend(["a", "b"])
    return


@app.cell
def _(results):
    print(results)
    return


if __name__ == "__main__":
    app.run()
