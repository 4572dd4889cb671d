import marimo

__generated_with = "0.8.22"
app = marimo.App(width="medium")


@app.cell
def load(threshold):
    values = [v for v in range(10) if v > threshold]
    return values,


@app.cell
def __(values):
    threshold = max(values) // 2
    return threshold,


if __name__ == "__main__":
    app.run()
