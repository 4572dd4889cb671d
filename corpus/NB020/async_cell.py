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
    backend = mo.ui.radio(options={"Local": "local", "Remote server": "remote"}, value="Remote server")
    backend
    return (backend,)


@app.cell
async def _(asyncio, backend):
    async def connect():
        await asyncio.sleep(0)
        if backend.value == "Remote server":
            return "connected over the network"
        return "local"


    print(await connect())
    return


if __name__ == "__main__":
    app.run()
