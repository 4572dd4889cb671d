import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import asyncio

    import marimo as mo
    return asyncio, mo


@app.cell
def _(mo):
    progress = mo.ui.slider(0, 100, value=0, disabled=True)
    progress
    return (progress,)


@app.cell
async def _(asyncio, progress):
    for step in range(3):
        await asyncio.sleep(0)
        progress.value = step * 50
    return


if __name__ == "__main__":
    app.run()
