import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    NUM_GPUS = 0
    return (NUM_GPUS,)


@app.cell
def _(NUM_GPUS):
    def describe():
        # reads the global at call time
        return f"{NUM_GPUS} GPUs"
    print(describe())
    return


if __name__ == "__main__":
    app.run()
