import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    from marimo import status as mo_status

    return (mo_status,)


@app.cell
def _(mo_status):
    indicator = mo_status.spinner(title="Hashing")
    indicator.open()
    import hashlib

    digest = hashlib.sha256(b"marimo").hexdigest()
    indicator.close()
    return (digest,)


@app.cell
def _(digest):
    print(digest[:8])
    return


if __name__ == "__main__":
    app.run()
