# /// script
# requires-python = ">=3.10"
# dependencies = [
#     "marimo",
#     "torch",
#     "transformers",
# ]
# ///

import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    return AutoModelForCausalLM, AutoTokenizer, mo, torch


@app.cell
def _(AutoModelForCausalLM, AutoTokenizer, torch):
    checkpoint = "Qwen/Qwen2.5-0.5B"
    tokenizer = AutoTokenizer.from_pretrained(checkpoint)
    model = AutoModelForCausalLM.from_pretrained(
        checkpoint,
        torch_dtype=torch.float16,  # halves the memory
        device_map="auto",
    )
    return model, tokenizer


@app.cell(hide_code=True)
def _(mo):
    mo.md("## Fine-tune on a few prompts")
    return


@app.cell
def _(model, tokenizer, torch):
    optimizer = torch.optim.AdamW(
        (p for p in model.parameters() if p.requires_grad), lr=1e-5
    )
    prompts = ["marimo notebooks are", "A GPU is"]
    model.train()
    for prompt in prompts:
        batch = tokenizer(prompt, return_tensors="pt").to(model.device)
        with torch.autocast("cuda", dtype=torch.float16):
            loss = model(**batch, labels=batch["input_ids"]).loss
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
    return


if __name__ == "__main__":
    app.run()
