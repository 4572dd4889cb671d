"""NB101-NB106 (GPU and PyTorch): codemods on their own, detection edge cases, and a real run.

The real run builds a tiny regression model, lets NB101 rewrite its training
cell, runs the rewritten notebook with torch (on the CPU the GradScaler is
created with `enabled=False`, a pass-through) and checks that it still
trains: the loss goes down, and exactly as it did before the fix.
"""

from __future__ import annotations

import importlib.util
import textwrap
from pathlib import Path

import pytest
from notebooks import wrap_cells

from nbfix.codemods import Declined
from nbfix.codemods.add_grad_scaler import ScalerPlan, add_grad_scaler
from nbfix.codemods.modernize_cuda_amp import AmpPlan, CallChange, modernize_cuda_amp
from nbfix.codemods.positions import Position
from nbfix.codemods.unscale_before_clip import unscale_before_clip
from nbfix.engine import fix_notebook
from nbfix.notebook import Notebook
from nbfix.rules import check, select_rules
from nbfix.rules.fp16_trainable_weights import Fp16TrainableWeights

NB10X = select_rules(["NB101", "NB102", "NB103"])


def cell(body: str, params: str = "") -> str:
    return (
        f"@app.cell\ndef _({params}):\n" + textwrap.indent(textwrap.dedent(body).strip("\n"), "    ") + "\n"
    )


def at(source: str, needle: str, occurrence: int = 0) -> Position:
    """The (line, column) where `needle` starts in `source` (its n-th occurrence)."""
    offset = -1
    for _ in range(occurrence + 1):
        offset = source.index(needle, offset + 1)
    line = source.count("\n", 0, offset) + 1
    return (line, offset - (source.rfind("\n", 0, offset) + 1))


def codes(source: str) -> list[str]:
    return [d.code for d in check(Notebook.parse(wrap_cells(source)), NB10X)]


def messages(source: str) -> list[str]:
    return [d.message for d in check(Notebook.parse(wrap_cells(source)), NB10X)]


def fixed(source: str) -> str:
    return fix_notebook(Notebook.parse(wrap_cells(source)), select_rules()).notebook.text


SETUP = "import torch\nuse_fp16 = torch.cuda.is_available()\n# ---\n"


def training(
    autocast: str = 'torch.autocast("cuda", enabled=use_fp16)', step: str = "optimizer.step()"
) -> str:
    return SETUP + (
        "model = torch.nn.Linear(2, 1)\n"
        "optimizer = torch.optim.SGD(model.parameters(), lr=0.1)\n"
        "for _ in range(3):\n"
        f"    with {autocast}:\n"
        "        loss = model(torch.randn(4, 2)).pow(2).mean()\n"
        "    loss.backward()\n"
        f"    {step}\n"
    )


# -- add_grad_scaler ------------------------------------------------------------------
LOOP = cell(
    """
    # train
    for x in data:
        with torch.autocast("cuda", enabled=amp):
            loss = model(x)
        (loss / 2).backward()
        nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
    """,
    "amp, data, model, nn, opt, torch",
)


def _loop_plan(source: str, scaler: str = "scaler") -> ScalerPlan:
    return ScalerPlan(
        scaler=scaler,
        torch="torch",
        creations=((at(source, "for x"), "amp"),),
        backward_calls=(at(source, "(loss / 2)"),),
        step_calls=(at(source, "opt.step()"),),
        unscales=((at(source, "nn.utils"), "opt"),),
    )


def test_add_grad_scaler_rewrites_the_whole_step() -> None:
    assert add_grad_scaler(LOOP, _loop_plan(LOOP)) == cell(
        """
        # train
        scaler = torch.amp.GradScaler("cuda", enabled=amp)
        for x in data:
            with torch.autocast("cuda", enabled=amp):
                loss = model(x)
            scaler.scale(loss / 2).backward()
            scaler.unscale_(opt)
            nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            scaler.step(opt)
            scaler.update()
        """,
        "amp, data, model, nn, opt, torch",
    )


def test_add_grad_scaler_uses_the_given_names() -> None:
    out = add_grad_scaler(LOOP, _loop_plan(LOOP, scaler="grad_scaler"))
    assert "grad_scaler = torch.amp.GradScaler(" in out
    assert "grad_scaler.step(opt)\n        grad_scaler.update()" in out


def test_add_grad_scaler_keeps_crlf() -> None:
    source = LOOP.replace("\n", "\r\n")
    out = add_grad_scaler(source, _loop_plan(source))
    assert out == add_grad_scaler(LOOP, _loop_plan(LOOP)).replace("\n", "\r\n")


def test_add_grad_scaler_splices_into_shared_lines() -> None:
    source = cell("loss.backward(); opt.step(); opt.zero_grad()\nif ready: opt.step()", "loss, opt, ready")
    plan = ScalerPlan(
        scaler="s",
        torch="th",
        creations=((at(source, "loss.backward"), "True"),),
        backward_calls=(at(source, "loss.backward"),),
        step_calls=(at(source, "opt.step()"), at(source, "opt.step()", 1)),
    )
    assert add_grad_scaler(source, plan) == cell(
        's = th.amp.GradScaler("cuda", enabled=True)\n'
        "s.scale(loss).backward(); s.step(opt); s.update(); opt.zero_grad()\n"
        "if ready: s.step(opt); s.update()",
        "loss, opt, ready",
    )


def test_add_grad_scaler_keeps_a_blank_line_before_a_def() -> None:
    source = cell("x = 1\n\ndef step():\n    loss.backward()\n    opt.step()", "loss, opt")
    plan = ScalerPlan("scaler", "torch", ((at(source, "def step"), "True"),), (), ())
    assert add_grad_scaler(source, plan) == cell(
        'x = 1\n\nscaler = torch.amp.GradScaler("cuda", enabled=True)\n\n'
        "def step():\n    loss.backward()\n    opt.step()",
        "loss, opt",
    )


def test_add_grad_scaler_declines_a_cell_of_another_shape() -> None:
    plan = ScalerPlan("scaler", "torch", (), ((40, 0),), ())
    with pytest.raises(Declined):
        add_grad_scaler(LOOP, plan)


# -- modernize_cuda_amp --------------------------------------------------------------
def test_modernize_attribute_calls_and_positional_arguments() -> None:
    source = cell(
        "s = torch.cuda.amp.GradScaler(1024.0)\nwith torch.cuda.amp.autocast(flag, torch.float16):\n    pass",
        "flag, torch",
    )
    plan = AmpPlan(
        calls=(
            CallChange(at(source, "torch.cuda.amp.Grad"), "GradScaler", "GradScaler", True),
            CallChange(at(source, "torch.cuda.amp.auto"), "autocast", "autocast", True),
        )
    )
    assert modernize_cuda_amp(source, plan) == cell(
        's = torch.amp.GradScaler("cuda", 1024.0)\n'
        'with torch.amp.autocast("cuda", enabled=flag, dtype=torch.float16):\n    pass',
        "flag, torch",
    )


def test_modernize_imports_and_calls_through_them() -> None:
    source = cell(
        "import torch.cuda.amp as legacy\nfrom torch.cuda.amp import autocast as ac\n"
        "s = legacy.GradScaler(enabled=False)\nwith ac(False):\n    pass"
    )
    plan = AmpPlan(
        calls=(
            CallChange(at(source, "legacy.Grad"), "GradScaler", "GradScaler", False),
            CallChange(at(source, "ac(False)"), "ac", "autocast", False),
        ),
        imports=(at(source, "import torch"), at(source, "from torch")),
    )
    assert modernize_cuda_amp(source, plan) == cell(
        "import torch.amp as legacy\nfrom torch.amp import autocast as ac\n"
        's = legacy.GradScaler("cuda", enabled=False)\nwith ac("cuda", enabled=False):\n    pass'
    )


def test_modernize_puts_cuda_on_its_own_line_in_a_multiline_call() -> None:
    source = cell("s = torch.cuda.amp.GradScaler(\n    init_scale=8.0,\n    enabled=False,\n)", "torch")
    plan = AmpPlan(calls=(CallChange(at(source, "torch.cuda"), "GradScaler", "GradScaler", True),))
    assert modernize_cuda_amp(source, plan) == cell(
        's = torch.amp.GradScaler(\n    "cuda",\n    init_scale=8.0,\n    enabled=False,\n)', "torch"
    )


# -- unscale_before_clip -----------------------------------------------------------------
def test_unscale_goes_before_the_clip_and_its_comments() -> None:
    source = cell(
        "scaler.scale(loss).backward()\n\n# clip\nclip_grad_norm_(params, 1.0)\nscaler.step(opt)",
        "clip_grad_norm_, loss, opt, params, scaler",
    )
    out = unscale_before_clip(source, ((at(source, "clip_grad_norm_(params"), "scaler.unscale_(opt)"),))
    assert out == cell(
        "scaler.scale(loss).backward()\n\n# clip\nscaler.unscale_(opt)\nclip_grad_norm_(params, 1.0)\n"
        "scaler.step(opt)",
        "clip_grad_norm_, loss, opt, params, scaler",
    )


# -- NB101 detection -------------------------------------------------------------------
@pytest.mark.parametrize(
    "autocast",
    [
        'torch.autocast("cuda")',
        'torch.autocast(device_type="cuda", dtype=torch.float16)',
        'torch.amp.autocast("cuda", dtype=torch.half, enabled=use_fp16)',
        "torch.cuda.amp.autocast()",
        "torch.cuda.amp.autocast(use_fp16)",
    ],
)
def test_float16_autocast_forms_are_reported(autocast: str) -> None:
    assert "NB101" in codes(training(autocast))


@pytest.mark.parametrize(
    "autocast",
    [
        'torch.autocast("cuda", dtype=torch.bfloat16)',
        "torch.cuda.amp.autocast(dtype=torch.bfloat16)",
        'torch.autocast("cpu", dtype=torch.float16)',
        'torch.autocast("cuda", enabled=False)',
        'torch.autocast("cuda", dtype=amp_dtype)',  # unknown dtype: not reported
    ],
)
def test_other_autocasts_are_not_reported(autocast: str) -> None:
    source = training(autocast).replace("# ---\n", "amp_dtype = pick()\n# ---\n", 1)
    assert "NB101" not in codes(source)


def test_a_float16_dtype_held_in_a_variable_is_reported() -> None:
    source = training('torch.autocast("cuda", dtype=half)').replace(
        "# ---\n", "half = torch.float16\n# ---\n", 1
    )
    assert "NB101" in codes(source)


def test_a_scheduler_step_is_not_an_optimizer_step() -> None:
    source = training(step="lr_schedule.step()").replace(
        "# ---\n", "# ---\nlr_schedule = torch.optim.lr_scheduler.StepLR(None, 1)\n", 1
    )
    assert "NB101" not in codes(source)


def test_any_grad_scaler_in_the_notebook_silences_nb101() -> None:
    source = training() + '# ---\nunused = torch.amp.GradScaler("cuda", enabled=False)\n'
    assert "NB101" not in codes(source)


def test_float32_training_after_float16_inference_is_not_reported() -> None:
    source = SETUP + (
        "model = torch.nn.Linear(2, 1)\noptimizer = torch.optim.SGD(model.parameters(), lr=0.1)\n"
        'with torch.autocast("cuda"):\n    baseline = model(torch.randn(4, 2))\n'
        "loss = model(torch.randn(4, 2)).pow(2).mean()\nloss.backward()\noptimizer.step()\n"
    )
    assert codes(source) == []


def test_several_optimizers_get_a_message_and_no_fix() -> None:
    source = training(step="opt_a.step()\n    opt_b.step()").replace(
        "# ---\n", "# ---\nopt_a = opt_b = None\n", 1
    )
    [message] = messages(source)
    assert message.endswith("(no fix: several optimizers step here)")
    assert fixed(source) == wrap_cells(source)


def test_nb101_and_nb102_fixes_compose_to_torch_amp_only() -> None:
    out = fixed(training("torch.cuda.amp.autocast(enabled=use_fp16)"))
    assert "torch.cuda.amp" not in out
    assert 'with torch.amp.autocast("cuda", enabled=use_fp16):' in out
    assert 'scaler = torch.amp.GradScaler("cuda", enabled=use_fp16)\n    for _ in range(3):' in out
    assert check(Notebook.parse(out), NB10X) == []


def test_the_scaler_name_avoids_names_in_use() -> None:
    source = training().replace("# ---\n", "scaler = 0.5\n# ---\n", 1) + "print(scaler)\n"
    out = fixed(source)
    assert "grad_scaler = torch.amp.GradScaler(" in out
    assert "grad_scaler.scale(loss).backward()" in out


def test_messages_hold_no_line_numbers() -> None:
    for message in messages(training()):
        assert not any(char.isdigit() for char in message.lower().replace("float16", ""))


# -- NB102 / NB103 details -------------------------------------------------------------
def test_nb102_autocast_with_star_args_gets_no_fix() -> None:
    source = SETUP + "args = (False,)\nwith torch.cuda.amp.autocast(*args):\n    pass\n"
    [message] = messages(source)
    assert message.endswith("(no fix: autocast is called with `*args`)")


def test_nb102_an_import_is_moved_only_if_every_call_through_it_can_be() -> None:
    source = (
        "from torch.cuda.amp import GradScaler, autocast\n# ---\n"
        "scaler = GradScaler(enabled=False)\nargs = (False,)\nwith autocast(*args):\n    pass\n"
    )
    found = messages(source)
    assert len(found) == 2
    assert all("(no fix: " in message for message in found)
    assert fixed(source) == wrap_cells(source)


def test_nb103_is_silent_when_unscale_comes_first() -> None:
    source = SETUP + (
        'scaler = torch.amp.GradScaler("cuda", enabled=False)\nmodel = torch.nn.Linear(2, 1)\n'
        "opt = torch.optim.SGD(model.parameters(), lr=0.1)\n"
        "scaler.scale(model(torch.randn(2, 2)).sum()).backward()\nscaler.unscale_(opt)\n"
        "torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)\nscaler.step(opt)\nscaler.update()\n"
    )
    assert codes(source) == []


def test_nb103_unscales_once_for_consecutive_clips() -> None:
    source = SETUP + (
        'scaler = torch.amp.GradScaler("cuda", enabled=False)\nmodel = torch.nn.Linear(2, 1)\n'
        "opt = torch.optim.SGD(model.parameters(), lr=0.1)\n"
        "scaler.scale(model(torch.randn(2, 2)).sum()).backward()\n"
        "torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)\n"
        "torch.nn.utils.clip_grad_value_(model.parameters(), 1.0)\nscaler.step(opt)\nscaler.update()\n"
    )
    assert codes(source) == ["NB103", "NB103"]
    assert fixed(source).count("scaler.unscale_(opt)") == 1


# -- the rewritten training step, run for real -------------------------------------------
TRAINING_NOTEBOOK = """
import torch
# ---
torch.manual_seed(0)
use_fp16 = torch.cuda.is_available()
device = "cuda" if use_fp16 else "cpu"
model = torch.nn.Linear(4, 1).to(device)
optimizer = torch.optim.SGD(model.parameters(), lr=0.05)
inputs = torch.randn(64, 4, device=device)
targets = inputs @ torch.tensor([[1.0], [-2.0], [0.5], [3.0]], device=device)
losses = []
for epoch in range(30):
    optimizer.zero_grad()
    with torch.amp.autocast("cuda", dtype=torch.float16, enabled=use_fp16):
        loss = torch.nn.functional.mse_loss(model(inputs).float(), targets)
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=10.0)
    optimizer.step()
    losses.append(loss.item())
"""


def _run_notebook(text: str, path: Path) -> dict:
    """Run every cell of a notebook file with marimo; returns the definitions."""
    path.write_text(text, encoding="utf-8")
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    _, defs = module.app.run()
    return dict(defs)


def test_fixed_training_step_still_trains(tmp_path: Path) -> None:
    torch = pytest.importorskip("torch", reason="torch is not installed: the fixed training step cannot run")
    original = wrap_cells(TRAINING_NOTEBOOK)
    result = fix_notebook(Notebook.parse(original), select_rules())
    text = result.notebook.text
    for line in (
        'scaler = torch.amp.GradScaler("cuda", enabled=use_fp16)',
        "scaler.scale(loss).backward()",
        "scaler.unscale_(optimizer)",
        "scaler.step(optimizer)",
        "scaler.update()",
    ):
        assert line in text
    assert check(result.notebook, NB10X) == []

    after = _run_notebook(text, tmp_path / "fixed_notebook.py")
    losses = after["losses"]
    assert len(losses) == 30
    assert losses[-1] < losses[0] / 4, "the rewritten training step no longer trains"
    if not torch.cuda.is_available():
        # A disabled scaler is a pass-through: the float32 path computes what it did before the fix.
        assert not after["scaler"].is_enabled()
        before = _run_notebook(original, tmp_path / "original_notebook.py")
        assert losses == before["losses"]


TIMED_MODEL = "start = time.time()\ny = model(x)\nelapsed = time.time() - start"


def nb104(source: str) -> list[str]:
    return [d.code for d in check(Notebook.parse(wrap_cells(source)), select_rules(["NB104"]))]


def test_moving_a_model_to_something_that_is_not_a_device_is_not_a_crash() -> None:
    source = "import time\nimport torch\n# ---\nother = 3\n# ---\nmodel.to(other)\n# ---\n" + TIMED_MODEL
    assert nb104(source) == []


def test_a_model_moved_to_a_gpu_tensors_device_is_on_the_gpu() -> None:
    source = (
        "import time\nimport torch\n# ---\n"
        'anchor = torch.zeros(1, device="cuda")\nmodel = torch.nn.Linear(2, 1)\nx = torch.randn(4, 2)\n'
        "# ---\nmodel.to(anchor)\n# ---\n" + TIMED_MODEL
    )
    assert nb104(source) == ["NB104"]


# -- NB105: any GPU check silences it -------------------------------------------------
NB105 = select_rules(["NB105"])
CUDA_WORK = "\n# ---\nmodel = torch.nn.Linear(2, 2).cuda()"


def nb105(source: str) -> list[str]:
    return [d.code for d in check(Notebook.parse(wrap_cells(source + CUDA_WORK)), NB105)]


@pytest.mark.parametrize(
    "source",
    [
        # nvidia-smi, however it is run
        "import subprocess\nimport marimo as mo\nimport torch\n# ---\n"
        'smi = subprocess.run(["nvidia-smi"], capture_output=True)\n'
        'mo.stop(smi.returncode != 0, mo.md("No GPU"))',
        'import subprocess\nimport torch\n# ---\nsmi = subprocess.check_output("nvidia-smi -L", shell=True)',
        'import os\nimport torch\n# ---\nlisted = os.popen("nvidia-smi -L").read()',
        'import os\nimport torch\n# ---\nstatus = os.system("nvidia-smi > /dev/null")',
        'import shutil\nimport torch\n# ---\nsmi = shutil.which("nvidia-smi")',
        'import subprocess\nimport torch\n# ---\nquery = "--query-gpu=name"\n'
        'smi = subprocess.run([f"nvidia-smi", query])',
        # torch, cupy, numba
        "import torch\n# ---\nassert torch.cuda.is_available()",
        "import torch\n# ---\nn = torch.cuda.device_count()",
        'import torch\n# ---\ndev = "mps" if torch.backends.mps.is_available() else "cpu"',
        "from torch.cuda import is_available\nimport torch\n# ---\nok = is_available()",
        "import cupy as cp\nimport torch\n# ---\nn = cp.cuda.runtime.getDeviceCount()",
        "import cupy as cp\nimport torch\n# ---\nok = cp.cuda.is_available()",
        "import numba.cuda\nimport torch\n# ---\nok = numba.cuda.is_available()",
        "from numba import cuda\nimport torch\n# ---\ncuda.detect()",
        "import pynvml\nimport torch\n# ---\npynvml.nvmlInit()",
        # a try around a GPU library
        "import torch\n# ---\ntry:\n    import cudf\nexcept ImportError:\n    cudf = None",
        "import torch\n# ---\ntry:\n    from numba import cuda\nexcept Exception:\n    cuda = None",
        "import torch\n# ---\ntry:\n    import cupy as cp\nexcept ModuleNotFoundError:\n    cp = None",
        "import torch\n# ---\ntry:\n    torch.cuda.init()\n    ready = True\n"
        "except RuntimeError:\n    ready = False",
        # a GPU flag that guards
        "import marimo as mo\nimport torch\nfrom probe import probe\n# ---\nHAS_GPU = probe()\n# ---\n"
        'mo.stop(not HAS_GPU, mo.md("needs a GPU"))',
        "import torch\nfrom probe import probe\n# ---\ngpu_available = probe()\n"
        'if not gpu_available:\n    raise SystemExit("GPU needed")',
        "import torch\nfrom probe import probe\n# ---\nuseCuda = probe()\nassert useCuda",
        "import marimo as mo\nimport torch\n# ---\nuse_gpu = mo.ui.checkbox()\n"
        "# ---\nif use_gpu.value:\n    print('on')",
        "import torch\nfrom probe import config\n# ---\nif config.n_gpus < 1:\n    print('no GPU')",
    ],
)
def test_nb105_any_gpu_check_silences_it(source: str) -> None:
    assert nb105(source) == []


@pytest.mark.parametrize(
    "source",
    [
        "import torch\n# ---\nx = 1",
        # a device string compared or tested is not a GPU check
        'import torch\n# ---\ndevice = "cuda"\nif device == "cuda":\n    print(1)',
        'import torch\n# ---\ndevice = torch.device("cuda")\nif device.type == "cuda":\n    print(1)',
        # a try around code that does not touch a GPU
        "import torch\n# ---\ntry:\n    import pandas\nexcept ImportError:\n    pandas = None",
        # a flag that is not about a GPU
        "import torch\n# ---\nready = True\nif ready:\n    print(1)",
    ],
)
def test_nb105_what_is_no_gpu_check(source: str) -> None:
    assert nb105(source) == ["NB105"]


# -- NB106: an optimizer over float16 weights -------------------------------------------
TORCH = "import torch\n# ---\n"
HF = "import torch\nfrom transformers import AutoModelForCausalLM\n# ---\n"


def nb106(source: str) -> list[str]:
    notebook = Notebook.parse(wrap_cells(source))
    return [d.message for d in check(notebook, select_rules(["NB101", "NB106"]))]


@pytest.mark.parametrize(
    ("source", "message"),
    [
        (
            TORCH + "model = torch.nn.Linear(2, 1).half()\n"
            "optimizer = torch.optim.Adam(model.parameters(), lr=0.1)\noptimizer.step()",
            "Optimizer `optimizer` steps float16 weights of `model` (from `.half()`)",
        ),
        (  # cast in place, in a cell the optimizer's cell depends on
            TORCH + "model = torch.nn.Linear(2, 1)\n# ---\nmodel.half()\nready = True\n# ---\n"
            "print(ready)\nopt = torch.optim.Adam(model.parameters())\nopt.step()",
            "Optimizer `opt` steps float16 weights of `model` (from `.half()`)",
        ),
        (
            HF + "model = AutoModelForCausalLM.from_pretrained('gpt2', torch_dtype=torch.float16)\n# ---\n"
            "opt = torch.optim.AdamW((p for p in model.parameters() if p.requires_grad))\n"
            "# ---\nfor _ in range(2):\n    opt.step()",
            "Optimizer `opt` steps float16 weights of `model` (from `torch_dtype=torch.float16`)",
        ),
        (
            HF + "model = AutoModelForCausalLM.from_pretrained('gpt2', dtype='float16')\n# ---\n"
            "opt = torch.optim.AdamW(model.parameters())\nopt.step()",
            "Optimizer `opt` steps float16 weights of `model` (from `dtype='float16'`)",
        ),
        (
            "import torch\nfrom diffusers import UNet2DModel\n# ---\n"
            "pipe = UNet2DModel.from_pretrained('x', torch_dtype=torch.half)\n# ---\n"
            "opt = torch.optim.AdamW(pipe.up_blocks.parameters())\nopt.step()",
            "Optimizer `opt` steps float16 weights of `pipe.up_blocks` (from `torch_dtype=torch.half`)",
        ),
        (  # an adapter cast to the dtype of a float16 model, stepped through a GradScaler
            TORCH + "base = torch.nn.Linear(8, 8).half()\ndtype = base.weight.dtype\n"
            "lora = torch.nn.Linear(8, 8).to(dtype)\n# ---\nscaler = torch.amp.GradScaler('cuda')\n"
            "opt = torch.optim.AdamW(lora.parameters())\nscaler.step(opt)",
            "Optimizer `opt` steps float16 weights of `lora` (from `.to(dtype)`)",
        ),
        (  # parameters gathered in a name, then handed over
            TORCH + "model = torch.nn.Linear(2, 1).to('cuda', dtype=torch.float16)\n"
            "params = [p for p in model.parameters() if p.requires_grad]\n"
            "opt = torch.optim.Adam(params)\nopt.step()",
            "Optimizer `opt` steps float16 weights of `model` (from `.to(dtype=torch.float16)`)",
        ),
        (
            TORCH + "w = torch.nn.Parameter(torch.randn(3, dtype=torch.float16))\n"
            "opt = torch.optim.SGD([w], lr=0.1)\nopt.step()",
            "Optimizer `opt` steps float16 weights of `w` (from `dtype=torch.float16`)",
        ),
        (  # stepped inside the function the optimizer is passed to
            TORCH + "model = torch.nn.Linear(2, 1).type(torch.HalfTensor)\n"
            "optimizer = torch.optim.Adam(model.parameters())\n# ---\n"
            "def train(optim):\n    optim.step()\n# ---\ntrain(optimizer)",
            "Optimizer `optimizer` steps float16 weights of `model` (from `.type(torch.HalfTensor)`)",
        ),
    ],
)
def test_nb106_reports_optimizers_of_float16_weights(source: str, message: str) -> None:
    assert nb106(source) == [message]


@pytest.mark.parametrize(
    "source",
    [
        # bfloat16
        HF + "model = AutoModelForCausalLM.from_pretrained('gpt2', torch_dtype=torch.bfloat16)\n"
        "opt = torch.optim.AdamW(model.parameters())\nopt.step()",
        TORCH
        + "model = torch.nn.Linear(2, 1).bfloat16()\nopt = torch.optim.Adam(model.parameters())\nopt.step()",
        # float16 for inference only: no optimizer, or one never stepped
        TORCH + "model = torch.nn.Linear(2, 1).half()\n"
        "with torch.no_grad():\n    y = model(torch.ones(1, 2).half())",
        TORCH + "model = torch.nn.Linear(2, 1).half()\nopt = torch.optim.Adam(model.parameters())",
        # halved after the step, in its cell or in a cell that runs after training
        TORCH + "model = torch.nn.Linear(2, 1)\nopt = torch.optim.Adam(model.parameters())\n"
        "opt.step()\nmodel.half()",
        TORCH + "model = torch.nn.Linear(2, 1)\n# ---\nopt = torch.optim.Adam(model.parameters())\n"
        "opt.step()\ntrained = True\n# ---\nprint(trained)\nmodel.half()",
        # a float32 adapter on a frozen float16 base
        TORCH
        + "base = torch.nn.Linear(8, 8).half()\nbase.requires_grad_(False)\nlora = torch.nn.Linear(8, 8)\n"
        "opt = torch.optim.AdamW(lora.parameters())\nopt.step()",
        # a frozen float16 model given a new float32 head
        TORCH + "model = torch.nn.Sequential(torch.nn.Linear(2, 2)).half()\n"
        "for p in model.parameters():\n    p.requires_grad = False\nmodel.head = torch.nn.Linear(2, 1)\n"
        "opt = torch.optim.SGD(p for p in model.parameters() if p.requires_grad)\nopt.step()",
        # PEFT upcasts its adapters; kbit preparation upcasts what is not quantized
        "import torch\nfrom peft import get_peft_model, prepare_model_for_kbit_training\n"
        "from transformers import AutoModelForCausalLM\n# ---\n"
        "base = AutoModelForCausalLM.from_pretrained('gpt2', torch_dtype=torch.float16)\n"
        "base = prepare_model_for_kbit_training(base)\nmodel = get_peft_model(base, config)\n"
        "# ---\nopt = torch.optim.AdamW(model.parameters())\nopt.step()",
        HF + "model = AutoModelForCausalLM.from_pretrained(\n"
        "    'gpt2', torch_dtype=torch.float16, load_in_8bit=True\n)\n"
        "opt = torch.optim.AdamW(model.parameters())\nopt.step()",
        # cast back to float32 (whole, or parameter by parameter)
        TORCH + "model = torch.nn.Linear(2, 1).half()\n# ---\nmodel.float()\n# ---\n"
        "opt = torch.optim.Adam(model.parameters())\nopt.step()",
        TORCH + "model = torch.nn.Linear(2, 1).half()\nfor p in model.parameters():\n"
        "    p.data = p.data.to(torch.float32)\nopt = torch.optim.SGD(model.parameters())\nopt.step()",
        TORCH + "model = torch.nn.Linear(2, 1).half()\nmodel = model.float()\n"
        "opt = torch.optim.SGD(model.parameters())\nopt.step()",
        # a dtype that depends on the machine
        TORCH + "dtype = torch.float16 if torch.cuda.is_available() else torch.float32\n"
        "model = torch.nn.Linear(2, 1).to(dtype)\nopt = torch.optim.Adam(model.parameters())\nopt.step()",
        # a private name of another cell
        TORCH + "_m = torch.nn.Linear(2, 1).half()\n# ---\n_m = torch.nn.Linear(2, 1)\n"
        "_opt = torch.optim.SGD(_m.parameters())\n_opt.step()",
        # float16 inputs, float32 weights
        TORCH + "model = torch.nn.Linear(2, 1)\nx = torch.randn(3, 2, dtype=torch.float16)\n"
        "opt = torch.optim.SGD(model.parameters())\nmodel(x.float()).sum().backward()\nopt.step()",
    ],
)
def test_nb106_is_silent_without_float16_weights_stepped(source: str) -> None:
    assert nb106(source) == []


def test_nb101_is_silent_where_the_weights_are_float16() -> None:
    step = (
        "for _ in range(3):\n    with torch.autocast('cuda', dtype=torch.float16):\n"
        "        loss = model(torch.randn(4, 2)).pow(2).mean()\n    loss.backward()\n    optimizer.step()"
    )
    float32 = (
        TORCH + "model = torch.nn.Linear(2, 1)\noptimizer = torch.optim.SGD(model.parameters())\n" + step
    )
    float16 = float32.replace("torch.nn.Linear(2, 1)", "torch.nn.Linear(2, 1).half()")
    assert codes(float32) == ["NB101"]
    assert nb106(float16) == ["Optimizer `optimizer` steps float16 weights of `model` (from `.half()`)"]


def test_an_nb106_hit_fails_as_the_rule_says() -> None:
    """A GradScaler refuses float16 weights, and a small update to one rounds away."""
    torch = pytest.importorskip("torch", reason="torch is not installed")
    source = Fp16TrainableWeights.invalid[0].source
    assert [d.code for d in check(Notebook.parse(wrap_cells(source)), [Fp16TrainableWeights()])] == ["NB106"]
    model = torch.nn.Linear(2, 1).half()
    optimizer = torch.optim.Adam(model.parameters(), lr=0.1)
    scaler = torch.amp.GradScaler("cpu")
    scaler.scale(model(torch.randn(4, 2).half()).float().sum()).backward()
    with pytest.raises(ValueError, match="Attempting to unscale FP16 gradients"):
        scaler.step(optimizer)
    weight = torch.ones(1, dtype=torch.float16)
    assert torch.equal(weight + 1e-4, weight)


def test_gpu_messages_are_one_short_line() -> None:
    """Every NB1xx message on the corpus fits Ruff's manner: one line, at most 100 characters."""
    corpus = Path(__file__).parent.parent / "corpus"
    seen = set()
    for path in sorted(corpus.glob("*/*.py")):
        notebook = Notebook.parse(path.read_text(encoding="utf-8"), str(path))
        for diagnostic in check(notebook, select_rules(extend_select=["NB1"])):
            if diagnostic.code.startswith("NB1"):
                seen.add(diagnostic.code)
                assert len(diagnostic.message) <= 100, diagnostic.message
                assert "\n" not in diagnostic.message
    assert seen >= {"NB101", "NB102", "NB103", "NB104", "NB105", "NB106"}
