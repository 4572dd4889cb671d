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
    return config, metrics, started, tag


@app.cell
def _(config, metrics, started, tag):
    print(f"optimizer {config.optimizer} at lr {config.lr:.0e}")
    print(f"val loss {metrics['val_loss']:.2f}, acc {metrics['val_acc']:.1%}")
    print(f"tag {tag!r} started {started:%Y-%m-%d}")
    print(f"[{tag:>10}] [{tag:<10}]")
    return


if __name__ == "__main__":
    app.run()
