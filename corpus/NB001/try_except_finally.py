import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import csv
    import io
    import time

    PROFILE_CSV = "kernel,ms\ngemm,1.82\nsoftmax,0.31\nlayernorm,0.27\n"
    return PROFILE_CSV, csv, io, time


@app.cell
def _(PROFILE_CSV, csv, io, time):
    _start = time.perf_counter()
    try:
        kernels = [
            (row["kernel"], float(row["ms"]))
            for row in csv.DictReader(io.StringIO(PROFILE_CSV))
        ]
        return kernels
    except (KeyError, ValueError) as exc:
        print(f"malformed profile: {exc!r}")
        kernels = []
        return kernels
    finally:
        _elapsed = time.perf_counter() - _start
        print(f"parsed profile in {_elapsed * 1e3:.2f} ms")


@app.cell
def _(kernels):
    total_ms = sum(ms for _, ms in kernels)
    for name, ms in kernels:
        print(f"{name:>10}: {ms / total_ms:6.1%}")
    return


if __name__ == "__main__":
    app.run()
