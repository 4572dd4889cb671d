import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    class Run:
        def __init__(self):
            self.losses = []

    run = Run()
    return (run,)


@app.cell
async def _(run):
    import asyncio

    for _step in range(3):
        await asyncio.sleep(0)
        run.losses.append(1.0 / (_step + 1))
    return


@app.cell(hide_code=True)
def _(run):
    print(len(run.losses))
    return


if __name__ == "__main__":
    app.run()
