import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    loss_scale = 2.0**16
    growth_interval = 2000
    return (loss_scale,)


@app.cell
def _(growth_interval, loss_scale):
    print(f"initial scale {loss_scale:.0f}, grows every {growth_interval} steps")
    return


if __name__ == "__main__":
    app.run()
