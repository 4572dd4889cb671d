import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    run_name = "baseline"
    seed = 7
    epoch, loss = 3, 0.25
    header = (
        f"run {run_name}"  # the name shown in the dashboard
        " | lr=0.001"
        f" | seed {seed}"
    )
    print(header)
    print(f"epoch {epoch}: " f"loss {loss:.3f} " "{{kept as is}}")
    return


if __name__ == "__main__":
    app.run()
