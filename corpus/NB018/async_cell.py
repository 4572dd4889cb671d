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
    poll_seconds = mo.ui.number(1, 60, value=5, label="poll every (s)")
    return (poll_seconds,)


@app.cell
async def _(asyncio, poll_seconds):
    await asyncio.sleep(poll_seconds.value / 1000)
    print("polled")
    return


if __name__ == "__main__":
    app.run()
