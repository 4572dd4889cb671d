import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    from concurrent.futures import ThreadPoolExecutor

    return (ThreadPoolExecutor,)


@app.cell
def _(ThreadPoolExecutor):
    shards = ["a", "b", "c"]
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = []
        for shard in shards:
            futures.append(pool.submit(lambda: shard.upper()))
        results = sorted(future.result() for future in futures)
    print(results)
    return


if __name__ == "__main__":
    app.run()
