import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell(hide_code=True)
async def _():
    from asyncio import *

    await sleep(0)
    return


if __name__ == "__main__":
    app.run()
