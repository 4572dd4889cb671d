import marimo

__generated_with = "0.25.2"
app = marimo.App()

with app.setup:
    import decimal

    precise = decimal.Decimal("0.1")


@app.cell
def _():
    print(precise)
    return


if __name__ == "__main__":
    app.run()
