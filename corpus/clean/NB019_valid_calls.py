import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _(mo):
    refresh = mo.ui.refresh(options=[2, 5, 10], default_interval=5)
    slow = mo.ui.refresh(options=["1m", "5m 30s", "100ms", "500"], default_interval="1m")
    single = mo.ui.refresh(default_interval="3s")
    mo.hstack([refresh, slow, single])
    return


@app.cell
def _(mo):
    precision = mo.ui.dropdown(
        options={"Half (fp16)": "float16", "Brain float (bf16)": "bfloat16"},
        value="Brain float (bf16)",
    )
    batch = mo.ui.dropdown(options=[8, 16, 32], value=16)
    device = mo.ui.radio({"CPU": "cpu", "GPU": "cuda"}, value="GPU")
    metrics = mo.ui.multiselect(["loss", "accuracy"], value=["loss"])
    letters = mo.ui.multiselect(["a", "b"], value="a")
    mo.vstack([precision, batch, device, metrics, letters])
    return


@app.cell
async def _(mo):
    import asyncio

    with mo.status.progress_bar(total=3, title="Warm-up", subtitle="steps") as bar:
        for _step in range(3):
            await asyncio.sleep(0)
            bar.update()
    for _shard in mo.status.progress_bar(["a", "b"], title="Shards"):
        pass
    for _pair in mo.status.progress_bar(enumerate("ab"), total=2):
        pass
    mo.md("Done").center()
    return


if __name__ == "__main__":
    app.run()
