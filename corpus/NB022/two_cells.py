import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _(scaled):
    # The raw reading is corrected with the scaled value of the previous step.
    reading = scaled / 2 + 1
    return (reading,)


@app.cell
def _(reading):
    scaled = reading * 10
    return (scaled,)


if __name__ == "__main__":
    app.run()
