import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import importlib.util

    CUDF_AVAILABLE = importlib.util.find_spec("cudf") is not None
    x = [3, 1, 4, 1, 5, 9, 2, 6]
    return CUDF_AVAILABLE, x


@app.cell
def _(x):
    if x is None:
        msg = "none"
    else:
        n_rows = len(x)
        msg = f"{n_rows} rows, {len(set(x))} distinct"
    return (msg,)


@app.cell
def _(CUDF_AVAILABLE, x):
    if CUDF_AVAILABLE:
        print("sorting on the GPU")
        frame = sorted(x)
    else:
        print("cuDF missing, sorting on the host")
        frame = sorted(x)
    return (frame,)


@app.cell
def _(frame, msg):
    print(msg, frame[:3])
    return


if __name__ == "__main__":
    app.run()
