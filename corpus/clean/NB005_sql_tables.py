# nbfix-corpus: requires=duckdb
import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo
    return (mo,)


@app.cell
def _(mo):
    _df = mo.sql(
        f"""
        CREATE OR REPLACE TABLE Kernels AS
        SELECT * FROM (VALUES ('gemm', 1.8), ('softmax', 0.3)) t(name, ms);
        """
    )
    return (kernels,)


@app.cell
def _(kernels, mo):
    slow = mo.sql(
        f"""
        SELECT name, ms FROM kernels WHERE ms > 1.0
        """
    )
    return (slow,)


@app.cell
def _(mo):
    totals = mo.sql(
        f"""
        CREATE OR REPLACE VIEW totals AS SELECT 1 AS n;
        FROM totals
        """
    )
    return


@app.cell
def _(slow, totals):
    print(len(slow), totals)
    return


if __name__ == "__main__":
    app.run()
