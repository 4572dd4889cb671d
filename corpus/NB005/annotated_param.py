import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import dataclasses

    @dataclasses.dataclass
    class ShardSpec:
        path: str
        rows: int

    return (ShardSpec,)


@app.cell
def _(ShardSpec):
    threshold: float = 0.25
    shards: list[ShardSpec] = [
        ShardSpec("part-000.parquet", 120_000),
        ShardSpec("part-001.parquet", 24_000),
        ShardSpec("part-002.parquet", 98_500),
    ]
    return shards, threshold


@app.cell
def _(shards):
    _largest = max(s.rows for s in shards)
    small = [s.path for s in shards if s.rows < threshold * _largest]
    print(f"shards to compact: {small}")
    return


if __name__ == "__main__":
    app.run()
