import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    CUDF_AVAILABLE = False
    GPU_COUNT = 4
    gradient_accumulation_steps = 8
    max_sequence_length = 4096
    micro_batch_size = 2
    return (
        CUDF_AVAILABLE,
        GPU_COUNT,
        gradient_accumulation_steps,
        max_sequence_length,
        micro_batch_size,
    )


@app.cell
def _(
    CUDF_AVAILABLE,
    GPU_COUNT,
    gradient_accumulation_steps,
    max_sequence_length,
    micro_batch_size,
):
    global_batch_size = GPU_COUNT * micro_batch_size * gradient_accumulation_steps
    tokens_per_step = global_batch_size * max_sequence_length
    dataloader_workers = 2 if CUDF_AVAILABLE else 4 * GPU_COUNT
    return dataloader_workers, global_batch_size, tokens_per_step


@app.cell
def _(dataloader_workers, global_batch_size, tokens_per_step):
    print(f"global batch {global_batch_size} sequences, {tokens_per_step:,} tokens")
    print(f"{dataloader_workers} dataloader workers")
    return


@app.cell
def _():
    checkpoint_directory_for_this_run = "/scratch/checkpoints/llama-8b-sft"
    evaluation_interval_in_optimizer_steps = 500
    return (
        checkpoint_directory_for_this_run,
        evaluation_interval_in_optimizer_steps,
    )


@app.cell
def _(
    checkpoint_directory_for_this_run,
    evaluation_interval_in_optimizer_steps,
):
    print(checkpoint_directory_for_this_run, evaluation_interval_in_optimizer_steps)
    return


if __name__ == "__main__":
    app.run()
