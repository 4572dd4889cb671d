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
    poll_seconds = mo.ui.number(1, 60, value=5, label="poll every (s)")
    await asyncio.sleep(poll_seconds.value / 1000)
    poll_seconds
    return


if __name__ == "__main__":
    app.run()
