import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import asyncio
    import time

    import marimo as mo

    return asyncio, mo, time


@app.cell(hide_code=True)
def _(mo):
    mo.md(r"""
    # Concurrent shard prefetch

    Simulates fetching dataset shards from object storage with bounded
    concurrency, the way a dataloader prefetches ahead of the GPU.
    """)
    return


@app.cell
def _(mo):
    concurrency = mo.ui.slider(start=1, stop=16, value=4, label="concurrent fetches")
    concurrency
    return (concurrency,)


@app.cell
def _():
    SHARDS = [f"s3://corpus/train/shard-{i:05d}.tar" for i in range(12)]
    return (SHARDS,)


@app.cell
def _(asyncio):
    async def fetch(path, semaphore):
        async with semaphore:
            await asyncio.sleep(0.001)
            return path, len(path) * 1024

    return (fetch,)


@app.cell
async def _(asyncio, mo):
    with mo.status.spinner(title="Opening storage connections..."):
        await asyncio.sleep(0)
        connections_ready = True
    return (connections_ready,)


@app.cell
async def _(SHARDS, asyncio, concurrency, connections_ready, fetch, time):
    assert connections_ready
    _semaphore = asyncio.Semaphore(concurrency.value)
    _start = time.perf_counter()
    fetched = await asyncio.gather(*(fetch(p, _semaphore) for p in SHARDS))
    elapsed = time.perf_counter() - _start
    return elapsed, fetched


@app.cell
def _(elapsed, fetched, mo):
    _total_kib = sum(size for _, size in fetched) / 1024
    mo.md(
        f"Fetched **{len(fetched)}** shards ({_total_kib:.0f} KiB) "
        f"in {elapsed * 1e3:.1f} ms."
    )
    return


@app.cell
def _(fetched):
    by_prefix = {}
    for _path, _size in fetched:
        by_prefix.setdefault(_path.rsplit("/", 1)[0], []).append(_size)
    print({prefix: len(sizes) for prefix, sizes in by_prefix.items()})
    return


if __name__ == "__main__":
    app.run()
