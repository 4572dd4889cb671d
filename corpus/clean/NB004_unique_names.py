import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    gpus = ["A100", "H100", "L4"]
    return (gpus,)


@app.cell
def _(gpus):
    for _gpu in gpus:
        print(_gpu)
    return


@app.cell
def _(gpus):
    for _i, _gpu in enumerate(gpus):
        print(_i, _gpu)
    return


@app.cell
def _(gpus):
    # Comprehension variables, function parameters and `except ... as` names
    # belong to their own scope: reusing them across cells is fine.
    names = [gpu.lower() for gpu in gpus]

    def describe(gpu):
        return f"gpu {gpu}"

    try:
        print(describe(names[0]))
    except IndexError as error:
        print(error)
    return


@app.cell
def _(gpus):
    lengths = [len(gpu) for gpu in gpus]

    def shout(gpu):
        return gpu.upper()

    try:
        print(shout(gpus[5]))
    except IndexError as error:
        print(error)
    print(lengths)
    return


@app.cell
def _():
    steps = 0
    for _ in range(3):
        steps += 1
    steps = steps * 2
    print(steps)
    return


if __name__ == "__main__":
    app.run()
