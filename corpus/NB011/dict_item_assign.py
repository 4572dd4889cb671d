import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    config = {"lr": 0.1, "epochs": 3}
    return (config,)


@app.cell
def _(config):
    config["lr"] = 0.01  # tuned by hand after the first run
    return


@app.cell
def _(config):
    print(config)
    return


if __name__ == "__main__":
    app.run()
