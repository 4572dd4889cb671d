import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    return (mo,)


@app.cell
def _(mo):
    with mo.status.spinner(title="Computing primes"):
        primes = [n for n in range(2, 500) if all(n % d for d in range(2, int(n**0.5) + 1))]
        largest = primes[-1]
    largest
    return (primes,)


@app.cell
def _(primes):
    print(len(primes))
    return


if __name__ == "__main__":
    app.run()
