import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.function
def throughput_line(samples, seconds):
    rate = samples / seconds
    return "{rate:,.0f} samples/s"


@app.cell
def _():
    print(throughput_line(51_200, 4.0))
    return


if __name__ == "__main__":
    app.run()
