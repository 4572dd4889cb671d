import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _(mo):
    # Show a spinner while the (slow) statistics are computed.
    with mo.status.spinner(title="Statistics"):  # shown in the cell output
        # Make it visible.
        # open it

        # mean first
        values = [3, 1, 4, 1, 5, 9, 2, 6]
        mean = sum(values) / len(values)  # arithmetic mean
        for value in values:
            # squared deviations
            pass
        # then the spread
        spread = max(values) - min(values)
        # All done: hide it.
        # closed

    # after the spinner
    summary = (mean, spread)
    return (summary,)


@app.cell
def _(summary):
    print(summary)
    return


if __name__ == "__main__":
    app.run()
