import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    NUM_GPUS = 0
    return


@app.cell
def _(num_gpus):
    def describe():
        # reads the global at call time
        return f"{num_gpus} GPUs"
    print(describe())
    return


if __name__ == "__main__":
    app.run()
