# /// script
# requires-python = ">=3.10"
# dependencies = [
#     "marimo>=0.25",
# ]
# ///

import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _(learning_rate):
    schedule = [learning_rate / (step + 1) for step in range(3)]
    return (schedule,)


@app.cell
def _(schedule):
    learning_rate = schedule[0] * 10
    return (learning_rate,)


if __name__ == "__main__":
    app.run()
