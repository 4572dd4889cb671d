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
    for gpu in gpus:
        print(gpu["name"], gpu["mem_gb"])
    return


@app.cell
def _(gpus):
    total_mem = 0
    for gpu in gpus:
        total_mem += gpu["mem_gb"]
    print(f"total memory: {total_mem} GB")
    return


@app.cell
def _(gpus):
    for i, gpu in enumerate(gpus):
        print(i, gpu["name"])
    return


@app.cell
def _():
    squares = [0] * 4
    for i in range(4):
        squares[i] = i * i
    print(squares)
    return


if __name__ == "__main__":
    app.run()
