import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo

    lim = 4
    sigma = 0.5
    return lim, mo, sigma


@app.cell
def _(lim, mo, sigma):
    # Math in Markdown: the braces are LaTeX groups, not fields.
    mo.md(
        f"""
    The bound $x_{{lim}}$ is {lim}; the variance is $\\sigma^{{2}}$ with $\\sigma = {sigma}$.
    """
        + """
    $$
    S_{n} = a_{1} + a_{n}
    $$
    """
    )
    return


@app.cell
def _(mo):
    mo.md(r"Subscripts $x_{lim}$, $y_{n}$ and superscripts $e^{sigma}$ stay as written.")
    return


@app.cell
def _(mo):
    count = 3
    mo.md("Inline math $N = {count}$ and $$a_{count} + b_{count}$$ is LaTeX.")
    return


if __name__ == "__main__":
    app.run()
