import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import math

    peak_tflops = 989.0
    bandwidth_gbs = 3350.0
    return bandwidth_gbs, math, peak_tflops


@app.cell
def _(
    peak_tflops,  # H100 SXM, dense bf16
    math,  # for the ridge point
):
    ridge = peak_tflops * 1e12 / (bandwidth_gbs * 1e9)
    print(f"ridge point: {ridge:.1f} FLOP/byte, log2 {math.log2(ridge):.2f}")
    return


if __name__ == "__main__":
    app.run()
