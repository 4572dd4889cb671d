import marimo

__generated_with = "0.25.2"
app = marimo.App()

with app.setup:
    import marimo as mo


@app.function
def fibonacci(n):
    with mo.status.spinner(title=f"Fibonacci({n})"):
        a, b = 0, 1
        for _ in range(n):
            a, b = b, a + b
    return a


@app.cell
def _():
    print(fibonacci(20))
    return


if __name__ == "__main__":
    app.run()
