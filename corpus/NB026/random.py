import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell(hide_code=True)
async def _():
    import asyncio
    from random import choice

    pick = await asyncio.sleep(0, result=choice("abc"))
    return


if __name__ == "__main__":
    app.run()
