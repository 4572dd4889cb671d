import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import datetime
    from types import SimpleNamespace

    config = SimpleNamespace(optimizer="adamw", lr=3e-4)
    metrics = {"val_loss": 0.4213, "val_acc": 0.871}
    started = datetime.date(2024, 5, 17)
    tag = "nightly"
    return


@app.cell
def _():
    print("optimizer {config.optimizer} at lr {config.lr:.0e}")
    print("val loss {metrics['val_loss']:.2f}, acc {metrics['val_acc']:.1%}")
    print("tag {tag!r} started {started:%Y-%m-%d}")
    print("[{tag:>10}] [{tag:<10}]")
    return


if __name__ == "__main__":
    app.run()
