import marimo

__generated_with = "0.8.22"
app = marimo.App(width="medium")


@app.cell
def __():
    device = "cpu"
    return (device,)


@app.cell
def __(device):
    print(device)  # noqa: E501
    return


if __name__ == "__main__":
    app.run()
