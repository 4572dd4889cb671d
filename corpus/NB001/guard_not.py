import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    items = [12.5, 13.1, 11.8, 12.9]  # per-step latency, ms
    return (items,)


@app.cell
def _(items):
    if not items:
        return
    total = sum(items)
    mean = total / len(items)

    # the slowest step bounds the throughput
    worst = max(items)
    return mean, worst


@app.cell
def _(mean, worst):
    print(f"mean {mean:.2f} ms, worst {worst:.2f} ms")
    return


@app.cell
def _(items):
    if len(items) < 2:
        return
    deltas = [b - a for a, b in zip(items, items[1:])]
    print(f"max step-to-step jitter: {max(map(abs, deltas)):.2f} ms")
    return


if __name__ == "__main__":
    app.run()
