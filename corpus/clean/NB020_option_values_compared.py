import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo
    return (mo,)


@app.cell
def _(mo):
    device = mo.ui.dropdown(options={"Graphics card": "cuda", "Processor": "cpu"}, value="Processor")
    # a label that is also a value, list options, values that are not literals
    mode = mo.ui.radio(options={"short": "short", "long path": "long_path"}, value="short")
    size = mo.ui.dropdown(["small", "large"], value="small")
    default_model = "gpt2"
    model = mo.ui.dropdown(options={"Default": default_model, "Other": "t5"}, value="Default")
    mo.vstack([device, mode, size, model])
    return device, mode, model, size


@app.cell
def _(device, mode, model, size):
    on_gpu = device.value == "cuda"
    # the label is what `selected_key` holds
    chosen = device.selected_key == "Processor"
    is_short = mode.value == "short"
    is_small = size.value in ("small", "tiny")
    is_default = model.value == "Default"
    print(on_gpu, chosen, is_short, is_small, is_default)
    return


@app.cell
def _(device):
    # a parameter with the element's name is another object
    def describe(device):
        return "label" if device.value == "Graphics card" else "other"


    class Choice:
        value = "Graphics card"


    match device.value:
        case "cuda" | "cpu":
            placed = True
        case _:
            placed = False
    print(describe(Choice()), placed)
    return


if __name__ == "__main__":
    app.run()
