import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    dataset_name = "imagenet-1k"
    num_samples = 1_281_167
    return dataset_name, num_samples


@app.cell
def _(dataset_name, num_samples):
    print(f"loading {dataset_name} ({num_samples:,} images)")
    return


if __name__ == "__main__":
    app.run()
