"""NB010, NB011, NB012 and NB015: what each reports and, above all, what each leaves alone.

These four rules are heuristics about marimo's reactivity with no fix, so
their whole value is precision: every case below that must stay silent is a
pattern found in real notebooks.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import marimo
import pytest
from conftest import CORPUS, TUTORIALS
from notebooks import wrap_cells

from nbfix.notebook import Notebook
from nbfix.rules import Rule, check, select_rules
from nbfix.rules.cross_cell_mutation import CrossCellMutation
from nbfix.rules.on_change_handler import OnChangeHandler
from nbfix.rules.reload_on_ui_change import ReloadOnUiChange
from nbfix.rules.ui_value_in_defining_cell import UiValueInDefiningCell

RULES: list[Rule] = [OnChangeHandler(), CrossCellMutation(), ReloadOnUiChange(), UiValueInDefiningCell()]
SNIPPETS = sorted((Path(marimo.__file__).parent / "_snippets" / "data").glob("*.py"))


def messages(source: str, rule: Rule) -> list[str]:
    """The messages `rule` reports on cells given as bodies separated by `# ---`."""
    return [d.message for d in check(Notebook.parse(wrap_cells(source)), [rule])]


def _codes(rules: list[Rule]) -> set[str]:
    return {rule.code for rule in rules}


# -- NB010 on-change-handler ---------------------------------------------------------
def test_on_change_rule_is_off_by_default() -> None:
    assert "NB010" not in _codes(select_rules())
    assert "NB010" not in _codes(select_rules(["NB0"])), "a prefix enables only default-on rules"
    assert {"NB010", "NB014"} <= _codes(select_rules(["NB010", "NB014"]))
    assert "NB010" in _codes(select_rules(None, extend_select=["NB010"]))


def test_cli_select_turns_on_the_default_off_rule(run_nbfix) -> None:
    case = str(CORPUS / "NB010" / "lambda_append.py")
    code, stdout, _ = run_nbfix("--no-cache", case)
    assert code == 0 and "NB010" not in stdout
    code, stdout, _ = run_nbfix("--no-cache", "--select", "NB010,NB014", case)
    assert code == 1 and "NB010" in stdout


@pytest.mark.parametrize(
    "source",
    [
        # a state setter, directly, in a lambda, or in a notebook function the lambda calls
        "import marimo as mo\n# ---\nget_v, set_v = mo.state(0)\n# ---\n"
        "a = mo.ui.slider(0, 9, value=get_v(), on_change=set_v)\n"
        "b = mo.ui.number(0, 9, value=get_v(), on_change=lambda v: set_v(v))\n"
        "c = mo.ui.text(on_change=lambda v: set_v(lambda old: old + 1))",
        "import marimo as mo\n# ---\nget_tags, set_tags = mo.state([])\n# ---\n"
        "def add(tag):\n    if tag:\n        set_tags(lambda tags: [*tags, tag])\n"
        "entry = mo.ui.text(on_change=add)\nbutton = mo.ui.button(on_change=lambda _: add('x'))",
        # the URL's query parameters
        "import marimo as mo\n# ---\nparams = mo.query_params()\n# ---\n"
        "search = mo.ui.text(on_change=lambda v: params.set('q', v))",
        # None, other callbacks, and elements that are not marimo's
        "import marimo as mo\n# ---\nslider = mo.ui.slider(0, 9, on_change=None)\n"
        "count = mo.ui.button(value=0, on_click=lambda n: n + 1)",
        "class Widget:\n    def __init__(self, on_change=None):\n        self.on_change = on_change\n"
        "# ---\nw = Widget(on_change=print)",
    ],
)
def test_on_change_handler_leaves_alone(source: str) -> None:
    assert messages(source, OnChangeHandler()) == []


@pytest.mark.parametrize(
    ("source", "element"),
    [
        ("import marimo as mo\n# ---\ns = mo.ui.slider(0, 9, on_change=print)", "`mo.ui.slider`"),
        ("from marimo import ui\n# ---\ns = ui.switch(on_change=lambda v: print(v))", "`mo.ui.switch`"),
        ("import marimo as mo\n# ---\nf = mo.ui.text().form(on_change=print)", "`.form()`"),
        (
            "import marimo as mo\n# ---\nt = mo.ui.table([1], on_change=lambda rows: print(rows))",
            "`mo.ui.table`",
        ),
        (
            "import marimo as mo\n# ---\nget_v, set_v = mo.state(0)\n# ---\n"
            "s = mo.ui.slider(0, 9, on_change=lambda v: print(get_v()))",
            "`mo.ui.slider`",
        ),
    ],
)
def test_on_change_handler_reports(source: str, element: str) -> None:
    (message,) = messages(source, OnChangeHandler())
    assert element in message


# -- NB011 cross-cell-mutation -------------------------------------------------------
_READER = "\n# ---\nprint({name})"


@pytest.mark.parametrize(
    ("source", "shown"),
    [
        ("items = []\n# ---\nitems.append(1)", "`items.append(...)`"),
        ("d = {}\n# ---\nd['a']['b'] = 1", "`d[...][...] = ...`"),
        ("d = {}\n# ---\nd.setdefault('k', []).append(1)", "`d.setdefault(...)`"),
        ("d = {'a': 1}\n# ---\nkey, value = d.popitem()", "`d.popitem()`"),
        ("d = {'a': 1}\n# ---\nd['a'], other = 2, 3", "`d[...] = ...`"),
        ("d = {'a': 1}\n# ---\nd['a'] **= 2", "`d[...] **= ...`"),
        (
            "from types import SimpleNamespace\ncfg = SimpleNamespace(opt=SimpleNamespace())\n"
            "# ---\ncfg.opt.lr = 0.1",
            "`cfg.opt.lr = ...`",
        ),
        ("class C:\n    pass\nobj = C()\nobj.x = 1\n# ---\ndel obj.x", "`del obj.x`"),
        ("import pandas as pd\n# ---\ndf = pd.DataFrame()\n# ---\ndf.loc[0, 'a'] = 1", "`df.loc[...] = ...`"),
        (
            "import pandas as pd\n# ---\ndf = pd.DataFrame()\n# ---\ndf.fillna(0, inplace=True)",
            "`df.fillna(..., inplace=True)`",
        ),
        ("rows = [[1]]\nfirst = rows[0]\n# ---\nfirst.extend([2, 3])", "`first.extend(...)`"),
        ("import asyncio\nq = []\n# ---\nawait asyncio.sleep(0)\nq.insert(0, 1)", "`q.insert(...)`"),
        ("s = set()\n# ---\nwith open(__file__) as f:\n    s.add(f.name)", "`s.add(...)`"),
    ],
)
def test_cross_cell_mutation_reports(source: str, shown: str) -> None:
    name = shown.strip("`").split(".")[0].split("[")[0].replace("del ", "")
    (message,) = messages(source + _READER.format(name=name), CrossCellMutation())
    assert shown in message and f"`{name}`, which another cell defines" in message


def test_cross_cell_mutation_reports_once_per_name_and_cell() -> None:
    source = "items = []\n# ---\nitems.append(1)\nitems.append(2)\nitems.sort()\n# ---\nprint(items)"
    assert len(messages(source, CrossCellMutation())) == 1


@pytest.mark.parametrize(
    "source",
    [
        # the cell binds the object itself (a copy, or a name it defines)
        "base = [1]\n# ---\nmine = list(base)\nmine.append(2)",
        "base = {'a': 1}\n# ---\n_tmp = dict(base)\n_tmp['a'] = 2",
        # a comprehension's own variable is not another cell's `row`
        "row = [0]\n# ---\ngrid = [[1], [2]]\ntails = [row.pop() for row in grid]",
        # mutation inside a function: it runs when called
        "log = []\n# ---\ndef record(x):\n    log.append(x)\n    return x",
        # a result used: not a mutator of a list (old pandas' DataFrame.append)
        "import pandas as pd\n# ---\ndf = pd.DataFrame()\n# ---\ndf2 = df.append({'a': 1})",
        # inplace on a derived object only
        "import pandas as pd\n# ---\ndf = pd.DataFrame()\n# ---\ndf['a'].fillna(0, inplace=True)",
        # modules and their attributes: process configuration, not data
        "import os\nimport sys\n# ---\nos.environ['TOKENIZERS_PARALLELISM'] = 'false'\nsys.path.append('x')",
        "import torch\n# ---\ntorch.backends.cudnn.benchmark = True",
        "import numpy as np\n# ---\nnp.random.seed(0)\nnp.set_printoptions(precision=3)",
        "import matplotlib.pyplot as plt\n# ---\nplt.rcParams['figure.dpi'] = 100",
        "from torch.backends import cudnn\n# ---\ncudnn.benchmark = True",
        # figures and axes
        "import matplotlib.pyplot as plt\n# ---\nfig, axes = plt.subplots(1, 2)\nax = axes[0]\n"
        "# ---\nfig.dpi = 90\nax.title = 'x'\naxes[1].clear()",
        "import matplotlib.pyplot as plt\n# ---\nfig = plt.figure()\nax = fig.add_subplot()\n"
        "# ---\nax.clear()",
        "import plotly.graph_objects as go\n# ---\nfig = go.Figure()\n# ---\nfig.layout.title = 'x'",
        # widgets: meant to be changed from other cells
        "import anywidget\nimport traitlets\n# ---\nclass Counter(anywidget.AnyWidget):\n"
        "    count = traitlets.Int(0).tag(sync=True)\n# ---\ncounter = Counter()\n# ---\ncounter.count = 3",
        "import ipywidgets as widgets\n# ---\nw = widgets.IntSlider()\n# ---\nw.value = 3",
        "from jupyter_bbox_widget import BBoxWidget\n# ---\nw = BBoxWidget()\n# ---\nw.image = 'a.png'",
        "import leafmap\n# ---\nm = leafmap.Map()\n# ---\nm.center = (0, 0)",
        # marimo's objects: UI elements, state
        "import marimo as mo\n# ---\ns = mo.ui.slider(0, 9)\nget_v, set_v = mo.state([])\n"
        "# ---\ns.custom = 1\nget_v().append(1)",
        "import marimo as mo\n# ---\nw = mo.ui.anywidget(object())\n# ---\nw.count = 3",
        # loggers, progress bars, synchronization primitives
        "import logging\n# ---\nlogger = logging.getLogger('x')\n# ---\nlogger.propagate = False\n"
        "logger.handlers.clear()",
        "from tqdm import tqdm\n# ---\nbar = tqdm(total=3)\n# ---\nbar.update(1)",
        "import threading\n# ---\nstop = threading.Event()\n# ---\nstop.clear()",
        # an object bound by `with ... as` (unsure: silent)
        "with open(__file__) as handle:\n    pass\n# ---\nhandle.mode = 'r'",
    ],
)
def test_cross_cell_mutation_leaves_alone(source: str) -> None:
    names = {"mine", "base", "row", "log", "df", "os", "sys", "torch", "np", "plt", "cudnn", "fig", "ax"}
    names |= {"axes", "counter", "w", "m", "s", "logger", "bar", "stop", "handle", "get_v"}
    notebook = Notebook.parse(wrap_cells(source))
    defined = set().union(*(cell.defs for cell in notebook.code_cells))
    readers = "\n# ---\n" + "\n".join(f"print({n})" for n in sorted(names & defined))
    assert messages(source + readers, CrossCellMutation()) == []


def test_cross_cell_mutation_needs_a_third_cell_that_reads() -> None:
    """A cache that one cell creates and another fills and reads: no one sees stale data."""
    source = "cache = {}\n# ---\nif 'k' not in cache:\n    cache['k'] = 1\nprint(cache['k'])"
    assert messages(source, CrossCellMutation()) == []
    assert len(messages(source + "\n# ---\nprint(len(cache))", CrossCellMutation())) == 1


@pytest.mark.parametrize(
    ("source", "shown"),
    [
        # the type comes from how the defining cell binds the object
        ("import numpy as np\n# ---\na = np.zeros(3)\n# ---\na[0] = 1", "`a[...] = ...`"),
        ("import numpy as np\n# ---\na = np.arange(3)[::-1]\n# ---\na.sort()", "`a.sort()`"),
        (
            "import pandas as pd\n# ---\ndf = pd.read_csv('x.csv').dropna()\n# ---\ndf.update(df * 2)",
            "`df.update(...)`",
        ),
        ("import pandas as pd\n# ---\ndf = pd.DataFrame()\n# ---\ncol = df.pop('a')", "`df.pop(...)`"),
        ("import pandas as pd\n# ---\ndf = pd.DataFrame()\n# ---\ndf.columns = ['a']", "`df.columns = ...`"),
        ("import collections\n# ---\nq = collections.deque()\n# ---\nq.appendleft(1)", "`q.appendleft(...)`"),
        ("base = {'a': 1}\nd = base.copy()\n# ---\nd.update(b=2)", "`d.update(...)`"),
        (
            "class Run:\n    def __init__(self):\n        self.losses = []\nrun = Run()\n"
            "# ---\nrun.losses.append(1)",
            "`run.losses.append(...)`",
        ),
        # unknown type: an item assignment or a method only containers have
        ("import json\n# ---\ncfg = json.loads('{}')\n# ---\ncfg['lr'] = 0.1", "`cfg[...] = ...`"),
        ("def load():\n    return []\nrows = load()\n# ---\nrows.append(1)", "`rows.append(...)`"),
        ("def load():\n    return {}\nd = load()\n# ---\nd.setdefault('k', 0)", "`d.setdefault(...)`"),
    ],
)
def test_cross_cell_mutation_reports_by_kind(source: str, shown: str) -> None:
    name = shown.strip("`").split(".")[0].split("[")[0]
    (message,) = messages(source + _READER.format(name=name), CrossCellMutation())
    assert message.startswith(f"{shown} changes `{name}`, which another cell defines")
    assert len(message) <= 100


@pytest.mark.parametrize(
    "source",
    [
        # polars and other immutable frames: these methods return a new frame
        "import polars as pl\n# ---\ndf = pl.DataFrame({'a': [1]})\n# ---\ndf.remove(pl.col('a') < 1)",
        "import polars as pl\n# ---\ndf = pl.read_csv('x.csv')\n"
        "# ---\ndf.update(df)\ndf.clear()\ndf.sort('a')",
        "import polars as pl\n# ---\ndf = pl.read_csv('x.csv').filter(pl.col('a') > 0)\n# ---\ndf.extend(df)",
        "import jax.numpy as jnp\n# ---\nx = jnp.zeros(3)\n# ---\nx.at[0].set(1)",
        # pandas methods that return a new frame
        "import pandas as pd\n# ---\ndf = pd.DataFrame()\n# ---\ndf.add(1)\ndf.sort_values('a')",
        # unknown type: a library object's attribute is its API (a solver parameter, a flag)
        "import cvxpy as cp\n# ---\ngamma = cp.Parameter(nonneg=True)\n# ---\ngamma.value = 0.5",
        "import torch\n# ---\nmodel = torch.nn.Linear(2, 2)\n"
        "# ---\nmodel.training = False\nmodel.weight[0] = 1",
        # unknown type: methods that a frame type has with another meaning
        "def load():\n    return None\nframe = load()\n"
        "# ---\nframe.update(frame)\nframe.remove(1)\nframe.sort()",
        # a UI element's value, also one made by a helper (NB021's business)
        "import marimo as mo\n# ---\nslider = mo.ui.slider(0, 9)\n# ---\nslider.value = 3",
        "import marimo as mo\n# ---\ndef make():\n    return mo.ui.slider(0, 9)\nslider = make()\n"
        "# ---\nslider.value = 3",
        # strings, numbers and tuples: nothing to change in place
        "label = 'a'\npair = (1, [2])\n# ---\npair[1].append(3)",
        # the cell signals the change through `mo.state`: marimo reruns the readers of the state
        "import marimo as mo\n# ---\nget_tick, set_tick = mo.state(0)\nstore = {'n': 0}\n"
        "# ---\nstore['n'] += 1\nset_tick(lambda t: t + 1)\n# ---\nprint(get_tick(), store)",
    ],
)
def test_cross_cell_mutation_leaves_alone_by_kind(source: str) -> None:
    notebook = Notebook.parse(wrap_cells(source))
    defined = set().union(*(cell.defs for cell in notebook.code_cells)) - {
        "pl",
        "pd",
        "jnp",
        "cp",
        "torch",
        "mo",
    }
    readers = "\n# ---\n" + "\n".join(f"print({n})" for n in sorted(defined))
    assert messages(source + readers, CrossCellMutation()) == []


# -- NB012 reload-on-ui-change ---------------------------------------------------------
_UI = "import marimo as mo\nimport torch\n# ---\nsteps = mo.ui.slider(1, 9)\nrun = mo.ui.run_button()\n"


@pytest.mark.parametrize(
    "source",
    [
        # loaded in a cell of its own
        _UI + "# ---\nmodel = torch.load('m.pt')\n# ---\nout = model(steps.value)",
        # cached: decorators on the loading function, in this cell or another, and the context manager
        _UI
        + "# ---\n@mo.cache\ndef load():\n    return torch.load('m.pt')\n# ---\nm = load()\nn = steps.value",
        "import functools\nimport torch\nimport marimo as mo\n# ---\nsteps = mo.ui.slider(1, 9)\n# ---\n"
        "@functools.lru_cache(maxsize=1)\ndef load(p):\n    return torch.load(p)\n"
        "# ---\nm = load('m.pt')\nn = steps.value",
        "from functools import cache\nimport torch\nimport marimo as mo\n# ---\nsteps = mo.ui.slider(1, 9)\n"
        "# ---\n@cache\ndef load(p):\n    return torch.load(p)\n# ---\nm = load('m.pt')\nn = steps.value",
        _UI + "# ---\nwith mo.persistent_cache(name='model'):\n    m = torch.load('m.pt')\nn = steps.value",
        # cached by hand
        _UI + "# ---\nmodels = {}\n# ---\nif 'm' not in models:\n    models['m'] = torch.load('m.pt')\n"
        "n = steps.value",
        # gated by a run button
        _UI + "# ---\nif run.value:\n    m = torch.load('m.pt')\n    n = steps.value",
        _UI + "# ---\nmo.stop(not run.value, mo.md('Click run'))\nm = torch.load('m.pt')\nn = steps.value",
        # the load depends on the element: it must rerun when the element changes
        _UI + "# ---\nname = f'model-{steps.value}'\npath = name + '.pt'\nm = torch.load(path)",
        _UI + "# ---\nm = torch.load('m.pt', map_location='cuda' if steps.value > 1 else 'cpu')",
        # elements whose value changes only on an explicit action
        "import marimo as mo\nimport torch\n# ---\nform = mo.ui.text().form()\nb = mo.ui.button()\n"
        "# ---\nm = torch.load('m.pt')\nn = (form.value, b.value)",
        # not a loader: a `pipeline` that is not transformers', `torch.save`, `json.load`
        "import marimo as mo\n# ---\ns = mo.ui.slider(1, 9)\n# ---\ndef pipeline(task):\n    return task\n"
        "# ---\np = pipeline('x')\nn = s.value",
        _UI + "# ---\nimport json\ntorch.save({}, 'm.pt')\ncfg = json.load(open('c.json'))\nn = steps.value",
        # a loading function defined but not called here
        _UI + "# ---\ndef load():\n    return torch.load('m.pt')\n\nn = steps.value",
        # the element's value is not read (only the element is shown)
        _UI + "# ---\nm = torch.load('m.pt')\nmo.hstack([steps, run])",
    ],
)
def test_reload_on_ui_change_leaves_alone(source: str) -> None:
    assert messages(source, ReloadOnUiChange()) == []


@pytest.mark.parametrize(
    ("source", "shown", "element"),
    [
        (_UI + "# ---\nm = torch.load('m.pt')\nn = steps.value", "torch.load", "steps"),
        (
            "import marimo as mo\nfrom joblib import load\n# ---\nk = mo.ui.number(1, 9)\n"
            "# ---\nindex = load('i.joblib')\nn = k.value",
            "load",
            "k",
        ),
        (
            "import marimo as mo\nimport onnxruntime\n# ---\nt = mo.ui.slider(0, 1)\n"
            "# ---\ns = onnxruntime.InferenceSession('m.onnx')\nn = t.value",
            "onnxruntime.InferenceSession",
            "t",
        ),
        (
            "import marimo as mo\nfrom transformers import pipeline as hf_pipeline\n# ---\nq = mo.ui.text()\n"
            "# ---\nclf = hf_pipeline('sentiment-analysis')\nout = clf(q.value)",
            "hf_pipeline",
            "q",
        ),
        (
            "import marimo as mo\nfrom transformers import AutoModel\n# ---\n"
            "name = mo.ui.dropdown(['a', 'b'], value='a')\nlayer = mo.ui.slider(0, 11)\n"
            "# ---\nm = AutoModel.from_pretrained(name.value)\nh = layer.value",
            "AutoModel.from_pretrained",
            "layer",
        ),
        (
            _UI + "# ---\ndef load():\n    return torch.load('m.pt')\n# ---\nm = load()\nn = steps.value",
            "load",
            "steps",
        ),
        (_UI + "# ---\nif steps.value > 3:\n    m = torch.load('m.pt')", "torch.load", "steps"),
    ],
)
def test_reload_on_ui_change_reports(source: str, shown: str, element: str) -> None:
    (message,) = messages(source, ReloadOnUiChange())
    assert message.startswith(f"`{shown}(...)` runs again every time `{element}` changes")


_MEMO_CALL = "\n# ---\nm = get('m.pt')\nn = steps.value"


@pytest.mark.parametrize(
    "function",
    [
        # a dict of the notebook, keyed by the argument
        "_cache = {}\ndef get(path):\n    if path not in _cache:\n        _cache[path] = torch.load(path)\n"
        "    return _cache[path]",
        "_cache = {}\ndef get(path):\n    if path in _cache:\n        return _cache[path]\n"
        "    model = torch.load(path)\n    _cache[path] = model\n    return model",
        "_cache = {}\ndef get(path):\n    model = _cache.get(path)\n    if model is None:\n"
        "        model = _cache[path] = torch.load(path)\n    return model",
        "_cache = {}\ndef get(path):\n    try:\n        return _cache[path]\n    except KeyError:\n"
        "        _cache[path] = torch.load(path)\n        return _cache[path]",
        # a global, an attribute
        "_model = None\ndef get(path):\n    global _model\n    if _model is None:\n"
        "        _model = torch.load(path)\n    return _model",
        "def get(path):\n    global MODEL\n    MODEL = torch.load(path)\n    return MODEL",
        "class Holder:\n    pass\nholder = Holder()\ndef get(path):\n    if not hasattr(holder, 'model'):\n"
        "        holder.model = torch.load(path)\n    return holder.model",
        # caching decorators
        "import functools\n@functools.cache\ndef get(path):\n    return torch.load(path)",
        "from functools import lru_cache\n@lru_cache(maxsize=1)\ndef get(path):\n    return torch.load(path)",
        "@mo.persistent_cache\ndef get(path):\n    return torch.load(path)",
        "def get(path):\n    with mo.persistent_cache('m'):\n        model = torch.load(path)\n"
        "    return model",
    ],
)
def test_reload_on_ui_change_leaves_memoizing_functions_alone(function: str) -> None:
    source = _UI + "# ---\n" + function + _MEMO_CALL
    assert messages(source, ReloadOnUiChange()) == []


@pytest.mark.parametrize(
    "function",
    [
        "def get(path):\n    return torch.load(path)",
        # stored, but loaded again on every call
        "_cache = {}\ndef get(path):\n    _cache[path] = torch.load(path)\n    return _cache[path]",
        # a guard that is not about a kept copy
        "def get(path):\n    if not path:\n        return None\n    return torch.load(path)",
        "def get(path):\n    if path.endswith('.pt'):\n        return torch.load(path)",
    ],
)
def test_reload_on_ui_change_reports_functions_that_load_every_time(function: str) -> None:
    (message,) = messages(_UI + "# ---\n" + function + _MEMO_CALL, ReloadOnUiChange())
    assert message == "`get(...)` runs again every time `steps` changes: this cell reads `steps.value`"


# -- NB015 ui-value-in-defining-cell ---------------------------------------------------
_MO = "import marimo as mo\n# ---\n"


@pytest.mark.parametrize(
    "body",
    [
        "s = mo.ui.slider(1, 9)\nn = s.value",
        "s = mo.ui.slider.from_series([1, 2])\nn = s.value",
        "d = mo.ui.dictionary({'a': mo.ui.text()})\nn = d.value['a']",
        "a = mo.ui.array([mo.ui.text()])\nn = len(a.value)",
        "f = mo.ui.slider(1, 9).form()\nn = f.value",
        "b = mo.md('{x}').batch(x=mo.ui.text())\nn = b.value",
        "t: object = mo.ui.text()\nn = t.value",
        "s = mo.ui.slider(1, 9)\nsquares = [i * i for i in range(s.value)]",
        "s = mo.ui.slider(1, 9)\nfor _ in range(2):\n    with open(__file__):\n        n = s.value",
        "s = mo.ui.slider(1, 9)\ndef show():\n    return s.value\nmo.md(f'{show()}')",
        "import asyncio\ns = mo.ui.slider(1, 9)\nasync def show():\n    return s.value\nn = await show()",
        "n = mo.ui.number(1, 9).value",
    ],
)
def test_ui_value_in_defining_cell_reports(body: str) -> None:
    assert len(messages(_MO + body, UiValueInDefiningCell())) == 1


@pytest.mark.parametrize(
    "body",
    [
        # callbacks and functions that run later, or are called before the element exists
        "s = mo.ui.slider(1, 9, on_change=lambda v: print(s.value))",
        "s = mo.ui.slider(1, 9)\ndef current():\n    return s.value",
        "def current():\n    return s.value\nn = current() if False else 0\ns = mo.ui.slider(1, 9)",
        "s = mo.ui.slider(1, 9)\ndef f(s):\n    return s.value\nn = f(mo.ui.slider(0, 1))",
        "s = mo.ui.slider(1, 9)\nb = mo.ui.button(on_click=lambda _: s.value)",
        # elements the cell does not visibly create
        "def make():\n    return mo.ui.slider(1, 9)\ns = make()\nn = s.value",
        "sliders = [mo.ui.slider(1, 9)]\nn = sliders[0].value",
        # `.value` of things that are not UI elements
        "import enum\nclass Color(enum.Enum):\n    RED = 1\nc = Color.RED\nn = c.value",
        "class Box:\n    value = 3\nbox = Box()\nn = box.value",
    ],
)
def test_ui_value_in_defining_cell_leaves_alone(body: str) -> None:
    assert messages(_MO + body, UiValueInDefiningCell()) == []


def test_value_of_another_cells_element_is_fine() -> None:
    source = _MO + "s = mo.ui.slider(1, 9)\n# ---\nn = s.value\nt = mo.ui.slider(0, s.value)"
    assert messages(source, UiValueInDefiningCell()) == []


_RUN_EACH = """
import json, runpy, sys
outcomes = {}
for path in sys.argv[1:]:
    try:
        runpy.run_path(path, run_name="__main__")
        outcomes[path] = "ran"
    except Exception as error:
        outcomes[path] = f"{type(error).__name__}: {error}"
print("OUTCOMES " + json.dumps(outcomes))
"""


def test_every_ui_value_case_really_raises() -> None:
    """marimo's own runtime agrees with every NB015 corpus case: the cell raises (one process for all)."""
    cases = sorted(str(p) for p in (CORPUS / "NB015").glob("*.py"))
    result = subprocess.run(
        [sys.executable, "-c", _RUN_EACH, *cases], capture_output=True, text=True, timeout=300, cwd=CORPUS
    )
    line = next(line for line in result.stdout.splitlines() if line.startswith("OUTCOMES "))
    outcomes = json.loads(line.removeprefix("OUTCOMES "))
    assert cases and set(outcomes) == set(cases)
    for case, outcome in outcomes.items():
        assert "Accessing the value of a UIElement in the cell that created it" in outcome, case


# -- precision on notebooks nobody here wrote ----------------------------------------------
def test_marimo_snippets_raise_nothing() -> None:
    found = []
    for path in SNIPPETS:
        notebook = Notebook.parse(path.read_text(encoding="utf-8"), str(path))
        found += [f"{path.name}:{d.span.start_pos.line} {d.code}" for d in check(notebook, RULES)]
    assert SNIPPETS and found == []


def test_clean_corpus_raises_none_of_these_rules() -> None:
    """NB010 included: the corpus test checks clean notebooks with the default rules only."""
    found = []
    for path in sorted((CORPUS / "clean").glob("*.py")):
        notebook = Notebook.parse(path.read_text(encoding="utf-8"), str(path))
        found += [f"{path.name}:{d.span.start_pos.line} {d.code}" for d in check(notebook, RULES)]
    assert found == []


def test_tutorial_hits_are_the_known_true_one() -> None:
    """dataflow.py shows on purpose that marimo does not see `state.number = 1` in another cell."""
    found = []
    for path in TUTORIALS:
        notebook = Notebook.parse(path.read_text(encoding="utf-8"), str(path))
        found += [f"{path.name}:{d.span.start_pos.line} {d.code}" for d in check(notebook, RULES)]
    assert found == ["dataflow.py:391 NB011"]


def test_messages_carry_no_line_numbers() -> None:
    for case in sorted(CORPUS.glob("NB01[0125]/*.py")):
        notebook = Notebook.parse(case.read_text(encoding="utf-8"), str(case))
        for diagnostic in check(notebook, RULES):
            assert not re.search(r"\bline\b|:\d+", diagnostic.message), diagnostic.message
