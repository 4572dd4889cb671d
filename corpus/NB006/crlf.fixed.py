import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _(mo):
    # Windows line endings throughout.
    with mo.status.spinner(title="Parsing") as crlf_spinner:
        lines = "a,b\r\n1,2\r\n".splitlines()
        if lines:
            crlf_spinner.update(subtitle=f"{len(lines)} lines")
    return (lines,)


@app.cell
def _(lines):
    print(lines)
    return


if __name__ == "__main__":
    app.run()
