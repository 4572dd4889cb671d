import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    world_size = 8
    print(f"{world_size=}")
    return


@app.cell
def _():
    world_size = 4
    print(world_size)
    return


if __name__ == "__main__":
    app.run()
