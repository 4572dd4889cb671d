import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    attention_dropout = 0.0
    hidden_size = 4096
    num_attention_heads = 32
    num_decoder_layers = 32
    num_key_value_heads = 8
    return (
        attention_dropout,
        hidden_size,
        num_attention_heads,
        num_decoder_layers,
        num_key_value_heads,
    )


@app.cell
def _(hidden_size, num_attention_heads, num_decoder_layers):
    head_dim = hidden_size // num_attention_heads
    attn_params = num_decoder_layers * 4 * hidden_size * hidden_size
    print(head_dim, attn_params, attention_dropout)
    return


@app.cell
def _(attention_dropout, hidden_size, num_attention_heads):
    kv_groups = num_attention_heads // num_key_value_heads
    kv_width = hidden_size // kv_groups
    print(kv_groups, kv_width, attention_dropout)
    return


@app.cell
def _():
    train_tokens = 2_000_000_000
    eval_tokens = 10_000_000
    grad_norm_history = [1.9, 1.2, 0.8, 0.7]
    loss_ema = 2.07
    lr_schedules = {"warmup": 2000, "decay": "cosine"}
    return eval_tokens, grad_norm_history, loss_ema, train_tokens


@app.cell
def _():
    batch_fill = 0.83
    decode_ms = 11.4
    kv_cache_mib = 5120
    prefill_ms = 86.0
    tokens_per_sec = 2410.0
    ttft = 0.091
    return batch_fill, decode_ms, kv_cache_mib, prefill_ms, tokens_per_sec


@app.cell
def _(
    batch_fill,
    decode_ms,
    eval_tokens,
    grad_norm_history,
    kv_cache_mib,
    loss_ema,
    lr_schedules,
    prefill_ms,
    tokens_per_sec,
    train_tokens,
    ttft,
):
    print(f"train {train_tokens:,} tok, eval {eval_tokens:,} tok, ema loss {loss_ema}")
    print(f"grad norms {grad_norm_history}, schedule {lr_schedules}")
    print(f"prefill {prefill_ms} ms, decode {decode_ms} ms/tok, ttft {ttft} s")
    print(f"{tokens_per_sec} tok/s, {kv_cache_mib} MiB KV cache, fill {batch_fill:.0%}")
    return


if __name__ == "__main__":
    app.run()
