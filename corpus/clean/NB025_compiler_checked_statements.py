import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    counter = 0

    def bump():
        global counter
        counter += 1

    def numbers():
        yield from range(3)

    for _n in numbers():
        if _n == 2:
            break
        if _n == 0:
            continue
        bump()
    print(counter)
    return


if __name__ == "__main__":
    app.run()
