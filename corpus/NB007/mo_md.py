import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _():
    user = "Ada"
    gpu_count = 8
    return


@app.cell
def _(mo):
    greeting = mo.md("Welcome back, **{user}**: {gpu_count} GPUs are free.")
    greeting
    return (greeting,)


@app.cell
def _(greeting):
    print("<strong>Ada</strong>" in greeting.text)
    print("8 GPUs are free" in greeting.text)
    return


if __name__ == "__main__":
    app.run()
