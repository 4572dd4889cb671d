import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
async def _():
    import asyncio

    await asyncio.sleep(0)  # nbfix: ignore[NB999]
    print("slept")
    return


if __name__ == "__main__":
    app.run()
