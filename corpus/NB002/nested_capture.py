import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    LEARNING_RATE = 0.1
    return


@app.cell
def _(learning_rate):
    def scaled(LEARNING_RATE):
        return LEARNING_RATE * 2
    print(scaled(learning_rate))
    return


if __name__ == "__main__":
    app.run()
