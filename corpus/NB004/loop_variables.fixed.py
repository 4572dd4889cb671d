import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    gpus = [
        {"name": "A100", "mem_gb": 80},
        {"name": "H100", "mem_gb": 80},
        {"name": "L4", "mem_gb": 24},
    ]
    return (gpus,)


@app.cell
def _(gpus):
    for _gpu in gpus:
        print(_gpu["name"], _gpu["mem_gb"])
    return


@app.cell
def _(gpus):
    total_mem = 0
    for _gpu in gpus:
        total_mem += _gpu["mem_gb"]
    print(f"total memory: {total_mem} GB")
    return


@app.cell
def _(gpus):
    for _i, _gpu in enumerate(gpus):
        print(_i, _gpu["name"])
    return


@app.cell
def _():
    squares = [0] * 4
    for _i in range(4):
        squares[_i] = _i * _i
    print(squares)
    return


if __name__ == "__main__":
    app.run()
