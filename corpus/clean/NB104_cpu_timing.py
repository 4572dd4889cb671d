import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import time

    return (time,)


@app.cell
def _(time):
    # Host-only work: nothing runs on a GPU, so the clock is right.
    device = "cpu"
    start = time.perf_counter()
    total = sum(i * i for i in range(10_000))
    elapsed = time.perf_counter() - start
    print(device, total, elapsed >= 0)
    return


if __name__ == "__main__":
    app.run()
