import marimo

__generated_with = "0.8.22"
app = marimo.App()


@app.cell
def __():
    queue = [3, 1, 2]
    return queue,


@app.cell
def __(queue):
    queue.clear()
    return


@app.cell
def __(queue):
    print(queue)
    return


if __name__ == "__main__":
    app.run()
