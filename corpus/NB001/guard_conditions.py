import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import math
    import types

    SKIP_PROFILING = False
    args = types.SimpleNamespace(dry_run=False, device="cpu")
    config = {"batch_size": 256, "use_gpu": False, "threshold": 0.5}
    return SKIP_PROFILING, args, config, math


@app.cell
def _(SKIP_PROFILING):
    if SKIP_PROFILING:
        return
    profile = [n * n for n in range(1000)]
    print(f"profiled {len(profile)} launches")
    return


@app.cell
def _(args):
    if args.dry_run:
        return args
    print(f"running on {args.device}")
    return


@app.cell
def _(config, math):
    if math.isnan(config["threshold"]):
        return
    scores = [0.2, 0.7, 0.9, 0.4]
    kept = [s for s in scores if s >= config["threshold"]]
    return (kept,)


@app.cell
def _(config, kept):
    if config["use_gpu"]:
        return
    cpu_batches = [kept[i : i + 2] for i in range(0, len(kept), 2)]
    print(cpu_batches)
    return


@app.cell
def _(SKIP_PROFILING, config):
    if SKIP_PROFILING or config["batch_size"] > 512:
        return
    print(f"batch size {config['batch_size']} fits the profiler window")
    return


if __name__ == "__main__":
    app.run()
