import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _(limit):
    def describe(values):
        # A function body's free names are read by its cell too.
        return [v for v in values if v < limit]

    return (describe,)


@app.cell
def _(describe):
    try:
        for attempt in range(2):
            if attempt:
                limit = len(describe(range(5)))
    finally:
        pass
    return (limit,)


if __name__ == "__main__":
    app.run()
