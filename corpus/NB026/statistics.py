import marimo

__generated_with = "0.8.22"
app = marimo.App(width="medium")


@app.cell
def __():
    import statistics as st
    return st,


@app.cell
def __(st):
    print(st.mean([1, 2, 3]))
    return


if __name__ == "__main__":
    app.run()
