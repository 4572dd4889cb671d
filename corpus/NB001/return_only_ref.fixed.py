import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    CUDF_AVAILABLE = False
    host_df = [{"sensor": "a", "temp": 61.5}, {"sensor": "b", "temp": 64.0}]
    return CUDF_AVAILABLE, host_df


@app.cell
def _(CUDF_AVAILABLE, host_df):
    if CUDF_AVAILABLE:
        device_df = "moved to device"
    else:
        pass
    return


@app.cell
def _(host_df):
    print(f"{len(host_df)} sensors on the host")
    return


if __name__ == "__main__":
    app.run()
