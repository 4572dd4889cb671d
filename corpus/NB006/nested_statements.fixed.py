import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _(mo):
    batches = [list(range(n, n + 4)) for n in range(0, 16, 4)]
    with mo.status.spinner(title="Processing batches") as progress:
        sums = []
        for index, batch in enumerate(batches):
            if index % 2 == 0:
                progress.update(subtitle=f"batch {index}")
                sums.append(sum(batch))
            else:
                try:
                    sums.append(max(batch))
                except ValueError:
                    sums.append(0)
        with open(__file__, encoding="utf-8") as handle:
            line_count = len(handle.readlines())
    return line_count, sums


@app.cell
def _(line_count, sums):
    print(sums, line_count > 0)
    return


if __name__ == "__main__":
    app.run()
