import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import marimo as mo
    from transformers import AutoModelForCausalLM, AutoTokenizer
    return AutoModelForCausalLM, AutoTokenizer, mo


@app.cell
def _(mo):
    prompt = mo.ui.text_area(placeholder="Ask something")
    max_tokens = mo.ui.slider(16, 512, value=64, label="max new tokens")
    mo.vstack([prompt, max_tokens])
    return max_tokens, prompt


@app.cell
def _(AutoModelForCausalLM, AutoTokenizer, max_tokens, prompt):
    tokenizer = AutoTokenizer.from_pretrained("gpt2")
    model = AutoModelForCausalLM.from_pretrained("gpt2")
    inputs = tokenizer(prompt.value, return_tensors="pt")
    generated = model.generate(**inputs, max_new_tokens=max_tokens.value)
    return


if __name__ == "__main__":
    app.run()
