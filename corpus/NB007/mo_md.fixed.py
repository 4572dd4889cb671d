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
    return gpu_count, user


@app.cell
def _(gpu_count, mo, user):
    greeting = mo.md(f"Welcome back, **{user}**: {gpu_count} GPUs are free.")
    greeting
    return (greeting,)


@app.cell
def _(greeting):
    print("<strong>Ada</strong>" in greeting.text)
    print("8 GPUs are free" in greeting.text)
    return


if __name__ == "__main__":
    app.run()
