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
    await asyncio.sleep(0)
    refresh = mo.ui.refresh(options=["1s", "5s"], on_change=lambda tick: print("tick", tick))
    refresh
    return


if __name__ == "__main__":
    app.run()
