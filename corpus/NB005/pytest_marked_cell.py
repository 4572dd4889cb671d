import marimo

__generated_with = "0.25.2"
app = marimo.App()

with app.setup:
    import pytest


@app.cell
def _():
    batch_size = 32
    return (batch_size,)


@app.cell
@pytest.mark.xfail(raises=TypeError, strict=True, reason="the signature is wrong on purpose")
def test_rejects_extra_arguments(batch_size, extra):
    assert batch_size == 32
    return


if __name__ == "__main__":
    app.run()
