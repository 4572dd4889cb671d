import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    results = []
    for step in range(2):
        if step:
            with open(__file__) as handle:
                results.append(len(handle.readline()))  # nbfix: ignore[NB011]
        else:
            try:
                results.append(step)  # noqa: NB1O1
            except ValueError:
                pass  # nbfix: ignore[NB001]
    print(results)
    return


if __name__ == "__main__":
    app.run()
