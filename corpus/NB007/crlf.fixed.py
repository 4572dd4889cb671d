import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    device_index = 0
    losses = [2.31, 1.87, 1.52]
    best = min(losses)
    label = f"cuda:{device_index}"
    print(label)
    print(f"best loss {best:.2f} after {len(losses)} epochs")
    return


if __name__ == "__main__":
    app.run()
