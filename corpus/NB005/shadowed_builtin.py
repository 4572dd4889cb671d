import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _(mo):
    filter = mo.ui.text(value="gemm", label="kernel name contains")
    filter
    return (filter,)


@app.cell
def _():
    kernels = ["gemm_bf16", "gemm_fp8", "flash_attn_fwd", "rms_norm"]
    return (kernels,)


@app.cell
def _(kernels):
    matching = [k for k in kernels if filter.value in k]
    print(f"{len(matching)} of {len(kernels)} kernels match")
    return


if __name__ == "__main__":
    app.run()
