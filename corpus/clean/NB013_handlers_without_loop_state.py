import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import functools

    return (functools,)


@app.cell
def _(functools):
    def report(name, value):
        return f"{name}: {value}"

    # partial binds the value now; a handler that reads no loop variable is fine.
    reporters = {}
    for metric in ("loss", "accuracy"):
        reporters[metric] = functools.partial(report, metric)
    printers = []
    for _ in range(2):
        printers.append(lambda text: text.upper())
    print(reporters["loss"](0.5), printers[0]("ok"))
    return


if __name__ == "__main__":
    app.run()
