import marimo

__generated_with = "0.25.2"
app = marimo.App()

with app.setup(hide_code=True):
    import asyncio

    delay = poll_seconds / 10


@app.cell(hide_code=True)
async def _():
    poll_seconds = await asyncio.sleep(0, result=5)
    return


@app.cell
def _():
    print(delay)
    return


if __name__ == "__main__":
    app.run()
