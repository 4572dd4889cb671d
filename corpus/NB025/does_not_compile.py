import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    retries = 3
    global retries
    return


@app.cell
def _():
    for attempt in range(3):
        if attempt == 1:
            break
    else:
        pass
    continue_after = "a loop's own break and continue compile"
    return


if __name__ == "__main__":
    app.run()
