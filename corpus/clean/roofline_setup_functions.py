import marimo

__generated_with = "0.25.2"
app = marimo.App()

with app.setup:
    import dataclasses
    import math

    import marimo as mo


@app.cell(hide_code=True)
def _():
    mo.md(r"""
    # Roofline estimates

    The helpers below have no dependencies besides the setup cell, so marimo
    saves them at the top level of this file and other scripts can import
    them: `from roofline_setup_functions import attainable_tflops`.
    """)
    return


@app.class_definition
@dataclasses.dataclass(frozen=True)
class Accelerator:
    name: str
    peak_tflops: float
    bandwidth_tbs: float

    @property
    def ridge_point(self) -> float:
        """Arithmetic intensity (flop/byte) where compute becomes the limit."""
        return self.peak_tflops / self.bandwidth_tbs


@app.function
def attainable_tflops(device: Accelerator, intensity: float) -> float:
    """Roofline: min(peak compute, bandwidth x arithmetic intensity)."""
    return min(device.peak_tflops, device.bandwidth_tbs * intensity)


@app.function
def gemm_intensity(m: int, n: int, k: int, bytes_per_el: int = 2) -> float:
    flops = 2 * m * n * k
    traffic = bytes_per_el * (m * k + k * n + m * n)
    return flops / traffic


@app.cell
def _():
    devices = [
        Accelerator("H100 SXM", 989.0, 3.35),
        Accelerator("H200", 989.0, 4.8),
        Accelerator("A100 80GB", 312.0, 2.04),
    ]
    return (devices,)


@app.cell
def _():
    size = mo.ui.slider(start=64, stop=8192, step=64, value=1024, label="GEMM size")
    size
    return (size,)


@app.cell
def _(devices, size):
    _intensity = gemm_intensity(size.value, size.value, size.value)
    rows = [
        {
            "device": d.name,
            "ridge (flop/byte)": round(d.ridge_point, 1),
            "attainable TFLOP/s": round(attainable_tflops(d, _intensity), 1),
        }
        for d in devices
    ]
    return (rows,)


@app.cell
def _(rows):
    mo.ui.table(rows, selection=None)
    return


@app.cell
def _(devices):
    sweep = [2**p for p in range(6, 14)]
    bound = {
        d.name: [
            "compute" if gemm_intensity(s, s, s) > d.ridge_point else "memory"
            for s in sweep
        ]
        for d in devices
    }
    print(f"sizes {sweep[0]}..{sweep[-1]} (log2 {math.log2(sweep[-1]):.0f})", bound)
    return


if __name__ == "__main__":
    app.run()
