import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    readings = [61.0, 64.5, 70.25]
    return (readings,)


@app.cell
def _(readings):
    if readings:
        peak = max(readings)
        print(f"peak {peak} C")
    return


@app.cell
def _(readings):
    try:
        peak = max(r for r in readings if r > 100)
    except ValueError:
        peak = None
    print("over 100 C:", peak)
    return


@app.cell
def _(readings):
    import contextlib

    def report():
        # reads the cell's own peak
        return f"coolest {peak} C"

    with contextlib.suppress(ValueError):
        peak = min(readings)
    print(report())
    return


if __name__ == "__main__":
    app.run()
