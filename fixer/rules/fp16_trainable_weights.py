"""NB106 fp16-trainable-weights."""

from __future__ import annotations

from collections.abc import Iterator

from nbfix.diagnostics import NO_FIX, Diagnostic, Severity
from nbfix.notebook import Notebook
from nbfix.rules import Example, Rule, register
from nbfix.semantic.torch_amp import Fp16Optimizer, Fp16Weights


def _message(optimizer: Fp16Optimizer) -> str:
    short = f"Optimizer `{optimizer.name}` steps float16 weights"
    message = f"{short} of `{optimizer.weights}` (from {optimizer.how})"
    return message if len(message) <= 100 else short


@register
class Fp16TrainableWeights(Rule):
    """
    ## What it does
    Finds an optimizer that steps parameters held in float16: a model
    loaded or built with `torch_dtype=torch.float16` / `dtype=torch.float16`
    (`AutoModelForCausalLM.from_pretrained(..., torch_dtype=torch.float16)`),
    cast with `.half()` or `.to(torch.float16)`, or an adapter cast to the
    dtype of such a model (`lora.to(model.dtype)`), handed to
    `torch.optim.X(...)` (`model.parameters()`, a generator or list of them
    filtered on `requires_grad`, parameter groups) and then stepped
    (`optimizer.step()`, `scaler.step(optimizer)`, or inside a function the
    optimizer is passed to). With or without autocast.

    Not reported: bfloat16 weights; a float16 model used only for inference
    (no optimizer over it, or one never stepped); a float16 base model whose
    trainable adapter is float32 (an optimizer over the adapter only, a
    model handed to PEFT or an upcasting helper, a model cast back with
    `.float()`).

    ## Why is this bad?
    float16 has 10 bits of mantissa: an update smaller than about 1/2000 of
    a weight rounds away, so most small learning-rate steps do nothing and
    training stalls or diverges. And a `GradScaler`, the usual companion of
    float16, refuses such weights: `scaler.step(optimizer)` raises
    `ValueError: Attempting to unscale FP16 gradients.`

    ## Example
    ```python
    model = AutoModelForCausalLM.from_pretrained(name, torch_dtype=torch.float16)
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-5)
    ...
    loss.backward()
    optimizer.step()
    ```
    Use instead: keep the trainable weights in float32 and let autocast run
    the forward pass in float16 (with a GradScaler), or use bfloat16:
    ```python
    model = AutoModelForCausalLM.from_pretrained(name, torch_dtype=torch.float32)
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-5)
    scaler = torch.amp.GradScaler("cuda")
    with torch.autocast("cuda", dtype=torch.float16):
        loss = model(**batch).loss
    scaler.scale(loss).backward()
    scaler.step(optimizer)
    scaler.update()
    ```

    ## Fix safety
    No fix: whether to load in float32, train an adapter in float32, or
    switch to bfloat16 depends on the model's size and the GPU.

    ## Precision
    2026-12-03, on the 1,080 ecosystem notebooks: no hit (none of them
    trains float16 weights); measured on the corpus cases, with clean
    look-alikes (bfloat16, float16 inference, float32 adapters on a float16
    base) that must stay silent (docs/precision/gpu.md).
    """

    code = "NB106"
    name = "fp16-trainable-weights"
    severity = Severity.ERROR
    fix_availability = NO_FIX
    needs_text = ("step", "torch")
    valid = (
        Example(
            "import torch\n# ---\nmodel = torch.nn.Linear(2, 1).to(torch.bfloat16)\n"
            "optimizer = torch.optim.SGD(model.parameters(), lr=0.1)\n"
            "model(torch.randn(4, 2, dtype=torch.bfloat16)).sum().backward()\noptimizer.step()"
        ),
        Example(
            "import torch\n# ---\nmodel = torch.nn.Linear(2, 1).half()\n"
            "with torch.no_grad():\n    y = model(torch.randn(4, 2).half())"
        ),
    )
    invalid = (
        Example(
            "import torch\n# ---\nmodel = torch.nn.Linear(2, 1).half()\n"
            "optimizer = torch.optim.Adam(model.parameters(), lr=0.1)\n"
            "model(torch.randn(4, 2).half()).sum().backward()\noptimizer.step()"
        ),
    )

    def check(self, notebook: Notebook) -> Iterator[Diagnostic]:
        for optimizer in Fp16Weights.of(notebook).optimizers:
            yield self.diagnostic(_message(optimizer), notebook.index.node_span(optimizer.call))
