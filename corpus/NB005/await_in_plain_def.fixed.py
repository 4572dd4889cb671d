import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import asyncio
    return (asyncio,)


@app.cell
async def _(asyncio):
    await asyncio.sleep(0)
    warmed_up = True
    return (warmed_up,)


@app.cell
def _(warmed_up):
    print("warmed up:", warmed_up)
    return


if __name__ == "__main__":
    app.run()
