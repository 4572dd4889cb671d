import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    BACKEND = "pandas"  # one of "cudf", "polars", "pandas"
    PARQUET_PATH = "s3://bucket/telemetry/2024-06.parquet"
    return BACKEND, PARQUET_PATH


@app.cell
def _(BACKEND):
    match BACKEND:
        case "cudf":
            reader = "cudf.read_parquet"
            return reader
        case "polars":
            reader = "polars.scan_parquet"
            return reader
        case _:
            reader = "pandas.read_parquet"
            return reader


@app.cell
def _(PARQUET_PATH, reader):
    plan = f"{reader}({PARQUET_PATH!r})"
    print(plan)
    return


if __name__ == "__main__":
    app.run()
