"""A seeded generator of realistic marimo notebooks, for nbfix's benchmark.

    python bench/generate_notebooks.py OUT_DIR [--count 1000] [--seed 0] [--seeded-fraction 0.1] [--verify]

Each notebook has 30-80 cells on one of a handful of topics (GPU kernel
benchmarks, regional sales, training runs, ...): an imports cell (some
notebooks also a `with app.setup:` block and `@app.function` /
`@app.class_definition` helpers), markdown cells with headings and lists,
`mo.ui` sliders, dropdowns, checkboxes and the cells that read their `.value`,
matplotlib cells (`fig_x, ax_x = plt.subplots()` or private `_fig, _ax`),
function and class definitions, loops, comprehensions, dict literals,
f-strings, try/except, match, numpy and pandas calls. The files are only ever
parsed, never run, so numpy, pandas and matplotlib need not be installed.

Every notebook is in the canonical form marimo's serializer writes: each
`@app.cell` takes its refs (sorted) as parameters and returns the defs that
some other cell reads (computed with nbfix's own `nbfix.signature`), and no two
cells define the same global name. About `--seeded-fraction` of the files
(exactly round(count * fraction) of them) get 1-3 anti-patterns that nbfix
fixes:

- NB001: `return` inside the branches of an `if`/`else` in a cell;
- NB002: a read of `max_rows` where a cell defines `MAX_ROWS`;
- NB003: a `_private` function or value of one cell read in another;
- NB005: a stale cell signature (a parameter or return name missing or
  extra, or parameters out of order).

`OUT_DIR/manifest.json` records the seed and, per seeded file, the codes it
was given. `--verify` runs `nbfix` on the result and checks that the clean
files raise nothing, that each seeded file reports the codes it was given
(and nothing else, NB005 aside: a cell whose returns sit in its branches also
has a stale return), and that `nbfix --write --unsafe-fixes` on a copy
leaves nothing to report (NB002's case-fold rename is an unsafe fix). The
output depends only on `--seed`, `--count` and `--seeded-fraction` (and on
nbfix's signature rules).
"""

from __future__ import annotations

import argparse
import builtins
import json
import keyword
import random
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from nbfix.notebook import Notebook
from nbfix.signature import annotated_params, expected_signature, render_header, render_return

ANTI_PATTERNS = ("NB001", "NB002", "NB003", "NB005")
GENERATED_WITH = "0.25.2"

# How each module is imported, and whether it belongs in a setup cell (standard
# library: a setup cell holds what `@app.function` helpers may use).
MODULES: dict[str, tuple[str, bool]] = {
    "collections": ("import collections", True),
    "dataclass": ("from dataclasses import dataclass", True),
    "dt": ("import datetime as dt", True),
    "itertools": ("import itertools", True),
    "json": ("import json", True),
    "math": ("import math", True),
    "re": ("import re", True),
    "statistics": ("import statistics", True),
    "mo": ("import marimo as mo", False),
    "np": ("import numpy as np", False),
    "pd": ("import pandas as pd", False),
    "plt": ("import matplotlib.pyplot as plt", False),
}
THIRD_PARTY_ORDER = ("mo", "plt", "np", "pd")  # isort order of their import lines

RESERVED = set(dir(builtins)) | set(keyword.kwlist) | set(MODULES) | {"app", "marimo", "self"}


@dataclass(frozen=True)
class Topic:
    slug: str
    title: str
    entity: str  # the column naming a category
    categories: tuple[str, ...]
    metrics: tuple[str, ...]  # numeric columns
    group: str  # an integer column
    sentences: tuple[str, ...]


TOPICS = (
    Topic(
        "gpu_kernels",
        "GPU kernel benchmarks",
        "kernel",
        ("gemm", "conv2d", "softmax", "layernorm", "attention", "reduce"),
        ("latency_ms", "throughput", "occupancy", "bandwidth_gbs"),
        "device",
        (
            "Median latencies come from 50 timed launches after 10 warm-up launches.",
            "Throughput is reported in millions of elements per second.",
            "Kernels below the occupancy threshold are candidates for tuning.",
            "All runs used the same driver and clock settings.",
        ),
    ),
    Topic(
        "sales",
        "Regional sales review",
        "region",
        ("north", "south", "east", "west", "central"),
        ("revenue", "units", "margin", "returns"),
        "quarter",
        (
            "Figures are net of discounts and exclude internal transfers.",
            "Margins are computed per store before head-office costs.",
            "Returns are counted in the quarter of the original sale.",
            "The central region opened two new stores this year.",
        ),
    ),
    Topic(
        "training",
        "Training run comparison",
        "schedule",
        ("baseline", "warmup", "cosine", "large_batch", "label_smoothing"),
        ("loss", "accuracy", "grad_norm", "tokens_per_s"),
        "epoch",
        (
            "Every run used the same seed, data order and evaluation split.",
            "Loss is the mean over the last 200 steps of each epoch.",
            "Gradient norms are measured before clipping.",
            "Runs that diverged were restarted once from the last checkpoint.",
        ),
    ),
    Topic(
        "weather",
        "Weather station readings",
        "station",
        ("harbour", "airport", "ridge", "valley", "campus"),
        ("temp_c", "rainfall_mm", "wind_kmh", "humidity"),
        "month",
        (
            "Readings are hourly and aggregated to daily means.",
            "Stations with more than 10% missing hours are flagged.",
            "Wind speed is the mean of the 10-minute averages.",
            "Rainfall is summed over the calendar day.",
        ),
    ),
    Topic(
        "survey",
        "Customer survey results",
        "segment",
        ("students", "families", "retirees", "professionals"),
        ("score", "nps", "response_time", "completion"),
        "wave",
        (
            "Responses with fewer than half of the questions answered were dropped.",
            "Scores are on a 1 to 10 scale.",
            "Each wave ran for two weeks.",
            "Segments come from the self-reported profile.",
        ),
    ),
    Topic(
        "energy",
        "Building energy use",
        "building",
        ("library", "lab_a", "lab_b", "dorms", "gym", "offices"),
        ("kwh", "peak_kw", "gas_m3", "co2_kg"),
        "week",
        (
            "Meter readings are every 15 minutes and summed per day.",
            "Peak demand is the highest 15-minute average of the day.",
            "Carbon figures use the grid's average emission factor.",
            "The labs run ventilation around the clock.",
        ),
    ),
    Topic(
        "traffic",
        "Web traffic analysis",
        "page",
        ("home", "pricing", "docs", "blog", "signup", "login"),
        ("visits", "bounce_rate", "load_ms", "conversions"),
        "day",
        (
            "Bot traffic is filtered with the vendor's published list.",
            "Load times are the 75th percentile of real-user measurements.",
            "A conversion is a completed signup within the same session.",
            "The docs were restructured halfway through the period.",
        ),
    ),
    Topic(
        "genomics",
        "Sequencing run quality",
        "sample",
        ("s01", "s02", "s03", "s04", "s05", "s06", "s07"),
        ("reads_m", "q30", "dup_rate", "coverage"),
        "lane",
        (
            "Reads are counted after adapter trimming.",
            "Q30 is the share of bases with a quality score of 30 or more.",
            "Duplicates are marked, not removed.",
            "Coverage is the mean depth over the target regions.",
        ),
    ),
)

WORDS = (
    "overview", "summary", "breakdown", "trend", "outliers", "distribution", "comparison",
    "baseline", "filtered", "ranking", "profile", "window", "spread", "totals", "shares",
)  # fmt: skip
COLORS = ("tab:blue", "tab:orange", "tab:green", "tab:red", "tab:purple", "steelblue", "seagreen")


def fill(template: str, **values: object) -> str:
    """`<<key>>` placeholders replaced by their values (braces stay literal)."""

    def replace(match: re.Match[str]) -> str:
        return str(values[match.group(1)])

    return re.sub(r"<<(\w+)>>", replace, textwrap.dedent(template).strip("\n"))


@dataclass
class CellSpec:
    body: str
    kind: str = "cell"  # "cell", "function" (@app.function), "class" (@app.class_definition)
    hide_code: bool = False
    final_return: bool = True  # False: the body returns from its branches (NB001)
    stale: bool = False  # NB005: this cell gets a stale signature
    defines: tuple[str, ...] = ()
    reads: tuple[str, ...] = ()


@dataclass
class Pools:
    """The global names of a notebook by what they hold, for later cells to read."""

    records: list[str] = field(default_factory=list)  # list of dicts with the topic's columns
    series: list[str] = field(default_factory=list)  # list of floats
    mappings: list[str] = field(default_factory=list)  # dict category -> float
    scalars: list[str] = field(default_factory=list)  # float
    configs: list[str] = field(default_factory=list)  # dict of settings
    frames: list[str] = field(default_factory=list)  # pandas DataFrame with the topic's columns
    arrays: list[str] = field(default_factory=list)  # numpy arrays
    reducers: list[str] = field(default_factory=list)  # function: list of floats -> float
    transforms: list[str] = field(default_factory=list)  # function: list of floats -> list of floats
    trackers: list[str] = field(default_factory=list)  # class with .update(x), .mean, .count
    sliders: list[str] = field(default_factory=list)  # mo.ui.slider, value 0..100
    dropdowns: list[str] = field(default_factory=list)  # mo.ui.dropdown over the categories
    checkboxes: list[str] = field(default_factory=list)  # mo.ui.checkbox
    numbers: list[str] = field(default_factory=list)  # mo.ui.number, an int 1..20


class NotebookBuilder:
    def __init__(self, rng: random.Random, topic: Topic, n_cells: int, anti_patterns: list[str]) -> None:
        self.rng = rng
        self.topic = topic
        self.n_cells = n_cells
        self.anti_patterns = anti_patterns
        self.target = n_cells  # cells to generate before the anti-patterns; set in build()
        self.used: set[str] = set()
        self.pools = Pools()
        self.modules: set[str] = {"mo"}
        self.cells: list[CellSpec] = []
        self.use_setup = rng.random() < 0.2
        self.toplevel_helpers = self.use_setup and rng.random() < 0.8
        self.record_metrics: dict[str, list[str]] = {}  # records name -> its numeric columns
        self.frame_metrics: dict[str, list[str]] = {}  # DataFrame name -> its numeric columns

    # ---------------------------------------------------------------- names

    def fresh(self, base: str) -> str:
        """A global name no cell defines yet: `base`, else `base_2`, `base_3`, ..."""
        base = re.sub(r"\W", "_", base)
        if base[0].isdigit():
            base = "v_" + base
        candidate, n = base, 1
        while candidate in self.used or candidate in RESERVED or candidate.lower() in self.used:
            n += 1
            candidate = f"{base}_{n}" if not base[0].isupper() else f"{base}{n}"
        self.used.add(candidate)
        self.used.add(candidate.lower())
        return candidate

    def fresh_pair(self, first: str, second: str, stem: str) -> tuple[str, str]:
        """`fig_loss, ax_loss` (or `fig_loss_2, ax_loss_2`): two fresh names with one suffix."""
        n = 1
        while True:
            suffix = stem if n == 1 else f"{stem}_{n}"
            a, b = f"{first}_{suffix}", f"{second}_{suffix}"
            if not ({a, b} & self.used):
                return self.fresh(a), self.fresh(b)
            n += 1

    def pick(self, pool: list[str]) -> str | None:
        return self.rng.choice(pool) if pool else None

    def metric(self) -> str:
        return self.rng.choice(self.topic.metrics)

    def category(self) -> str:
        return self.rng.choice(self.topic.categories)

    def word(self) -> str:
        return self.rng.choice(WORDS)

    def number(self, low: float, high: float, digits: int = 2) -> float:
        return round(self.rng.uniform(low, high), digits)

    def add(self, spec: CellSpec, *modules: str) -> None:
        self.modules.update(modules)
        self.cells.append(spec)

    # ---------------------------------------------------------------- build

    def build(self) -> list[CellSpec]:
        self.markdown_title()
        self.records_cell()
        if self.rng.random() < 0.6:
            self.config_cell()
        generators = [
            (self.markdown_section, 14),
            (self.records_cell, 3),
            (self.series_from_records, 6),
            (self.series_range, 4),
            (self.scalar_cell, 4),
            (self.stats_scalar, 6),
            (self.slider_cell, 3),
            (self.dropdown_cell, 3),
            (self.checkbox_cell, 2),
            (self.number_cell, 2),
            (self.ui_stack, 2),
            (self.slider_filter, 4),
            (self.dropdown_filter, 4),
            (self.checkbox_branch, 3),
            (self.match_cell, 2),
            (self.line_plot, 5),
            (self.bar_plot, 4),
            (self.hist_plot, 2),
            (self.reducer_function, 4),
            (self.transform_function, 3),
            (self.generator_function, 1),
            (self.apply_reducer, 4),
            (self.apply_transform, 3),
            (self.tracker_class, 2),
            (self.dataclass_cell, 1),
            (self.use_tracker, 3),
            (self.loop_aggregate, 5),
            (self.dict_comprehension, 4),
            (self.set_comprehension, 2),
            (self.sorted_top, 3),
            (self.enumerate_zip, 2),
            (self.while_loop, 1),
            (self.try_json, 2),
            (self.print_summary, 4),
            (self.callout_cell, 3),
            (self.markdown_fstring, 3),
            (self.numpy_cell, 3),
            (self.numpy_stats, 2),
            (self.pandas_frame, 3),
            (self.pandas_groupby, 3),
            (self.pandas_assign, 2),
            (self.table_cell, 1),
            (self.counter_cell, 2),
            (self.itertools_cell, 1),
            (self.datetime_cell, 1),
            (self.regex_cell, 1),
            (self.mo_stop_cell, 1),
            (self.config_read, 2),
        ]
        functions, weights = zip(*generators, strict=True)
        attempts = 0
        # The imports cell is added last (and the setup cell, if any); NB001, NB002 and NB003
        # each add two cells.
        self.target = self.n_cells - 1 - self.use_setup - 2 * len(set(self.anti_patterns) - {"NB005"})
        while len(self.cells) < self.target and attempts < 20 * self.n_cells:
            attempts += 1
            self.rng.choices(functions, weights)[0]()
        for code in self.anti_patterns:
            {"NB001": self.seed_return_in_branch, "NB002": self.seed_case_mismatch,
             "NB003": self.seed_private_shared, "NB005": self.seed_stale_signature}[code]()  # fmt: skip
        return self.cells

    def insert_after(self, spec: CellSpec, names: tuple[str, ...]) -> int:
        """Insert `spec` at a random place after the cells defining `names`; its index."""
        earliest = 0
        for index, cell in enumerate(self.cells):
            if set(cell.defines) & set(names):
                earliest = index + 1
        position = self.rng.randint(earliest, len(self.cells))
        self.cells.insert(position, spec)
        return position

    # ---------------------------------------------------------------- markdown

    def markdown_title(self) -> None:
        topic = self.topic
        sentences = self.rng.sample(topic.sentences, 2)
        items = self.rng.sample(topic.categories, min(3, len(topic.categories)))
        lines = [f"# {topic.title}", "", *sentences, "", "Covered here:", ""]
        lines += [f"- **{item}**: {self.word()} of `{self.metric()}`" for item in items]
        body = 'mo.md(r"""\n' + "\n".join(lines) + '\n""")'
        self.add(CellSpec(body, hide_code=self.rng.random() < 0.7), "mo")

    def markdown_section(self) -> None:
        heading = "#" * self.rng.choice((2, 2, 3)) + f" {self.word().capitalize()} of {self.metric()}"
        lines = [heading, ""]
        lines += self.rng.sample(self.topic.sentences, self.rng.randint(1, 2))
        if self.rng.random() < 0.5:
            lines += [""] + [f"{i}. Check the {self.word()} per {self.topic.entity}." for i in (1, 2, 3)]
        elif self.rng.random() < 0.5:
            lines += ["", f"> Values are in `{self.metric()}` units; see the table below."]
        body = 'mo.md(r"""\n' + "\n".join(lines) + '\n""")'
        self.add(CellSpec(body, hide_code=self.rng.random() < 0.6), "mo")

    def markdown_fstring(self) -> None:
        scalar = self.pick(self.pools.scalars)
        records = self.pick(self.pools.records)
        if scalar is None or records is None:
            return
        body = fill(
            '''
            mo.md(f"""
            ### <<title>>

            - rows: **{len(<<records>>)}**
            - <<scalar>>: `{<<scalar>>:.3f}`
            """)
            ''',
            title=f"{self.word().capitalize()} at a glance",
            records=records,
            scalar=scalar,
        )
        self.add(CellSpec(body, reads=(scalar, records)), "mo")

    def callout_cell(self) -> None:
        scalar = self.pick(self.pools.scalars)
        if scalar is None:
            return
        kind = self.rng.choice(("info", "success", "warn", "neutral"))
        body = fill(
            """
            _message = f"The <<word>> of `<<scalar>>` is **{<<scalar>>:,.2f}**."
            mo.callout(mo.md(_message), kind="<<kind>>")
            """,
            word=self.word(),
            scalar=scalar,
            kind=kind,
        )
        self.add(CellSpec(body, reads=(scalar,)), "mo")

    # ---------------------------------------------------------------- data

    def records_cell(self) -> None:
        topic = self.topic
        name = self.fresh(self.rng.choice(("records", "rows", "runs", "measurements", topic.slug)))
        metrics = self.rng.sample(topic.metrics, self.rng.randint(2, len(topic.metrics)))
        lines = []
        for _ in range(self.rng.randint(4, 12)):
            fields = [f'"{topic.entity}": "{self.category()}"', f'"{topic.group}": {self.rng.randint(1, 8)}']
            fields += [f'"{m}": {self.number(0, 500, self.rng.choice((1, 2, 3)))}' for m in metrics]
            lines.append("    {" + ", ".join(fields) + "},")
        body = f"{name} = [\n" + "\n".join(lines) + "\n]"
        if self.rng.random() < 0.4:
            body += f"\nlen({name})"
        self.pools.records.append(name)
        self.record_metrics[name] = metrics
        self.add(CellSpec(body, defines=(name,)))

    def columns_of(self, records: str) -> list[str]:
        return self.record_metrics[records]

    def series_from_records(self) -> None:
        records = self.pick(self.pools.records)
        if records is None:
            return
        column = self.rng.choice(self.columns_of(records))
        name = self.fresh(f"{column}_values")
        body = f'{name} = [row["{column}"] for row in {records}]'
        if self.rng.random() < 0.5:
            body += f'\nprint(f"{{len({name})}} values of {column}, max {{max({name}):.2f}}")'
        self.pools.series.append(name)
        self.add(CellSpec(body, defines=(name,), reads=(records,)))

    def series_range(self) -> None:
        name = self.fresh(f"{self.metric()}_{self.rng.choice(('grid', 'steps', 'curve', 'samples'))}")
        start, step, count = self.number(0, 10), self.number(0.1, 3), self.rng.randint(8, 60)
        if self.rng.random() < 0.5:
            body = f"{name} = [round({start} + {step} * i, 3) for i in range({count})]"
        else:
            body = fill(
                """
                <<name>> = []
                _value = <<start>>
                for _step in range(<<count>>):
                    _value = _value * 0.9 + <<step>> * (_step % 5)
                    <<name>>.append(round(_value, 4))
                """,
                name=name,
                start=start,
                step=step,
                count=count,
            )
        self.pools.series.append(name)
        self.add(CellSpec(body, defines=(name,)))

    def scalar_cell(self) -> None:
        name = self.fresh(self.rng.choice(("threshold", "scale", "budget", "target", "baseline_value")))
        value = self.number(0.5, 200)
        if self.rng.random() < 0.3:
            body = f"{name}: float = {value}"
        else:
            body = f"{name} = {value}  # {self.word()} used below"
        self.pools.scalars.append(name)
        self.add(CellSpec(body, defines=(name,)))

    def config_cell(self) -> None:
        name = self.fresh(self.rng.choice(("config", "settings", "params", "options")))
        entries = {
            '"batch_size"': self.rng.choice((16, 32, 64, 128)),
            '"learning_rate"': self.rng.choice(("3e-4", "1e-3", "5e-5")),
            '"epochs"': self.rng.randint(3, 40),
            '"seed"': self.rng.randint(0, 9999),
            '"label"': f'"{self.topic.slug}-{self.word()}"',
            '"columns"': "[" + ", ".join(f'"{m}"' for m in self.topic.metrics[:3]) + "]",
        }
        keys = self.rng.sample(list(entries), self.rng.randint(3, len(entries)))
        keys = sorted(set(keys) | {'"batch_size"', '"seed"'})
        body = f"{name} = {{\n" + "".join(f"    {k}: {entries[k]},\n" for k in keys) + "}"
        self.pools.configs.append(name)
        self.add(CellSpec(body, defines=(name,)))

    def config_read(self) -> None:
        config = self.pick(self.pools.configs)
        if config is None:
            return
        name = self.fresh("n_batches")
        body = fill(
            """
            <<name>> = max(1, 1000 // <<config>>["batch_size"])
            print(f"seed={<<config>>['seed']} batches={<<name>>}")
            """,
            name=name,
            config=config,
        )
        self.pools.scalars.append(name)
        self.add(CellSpec(body, defines=(name,), reads=(config,)))

    def stats_scalar(self) -> None:
        series = self.pick(self.pools.series)
        if series is None:
            return
        kind = self.rng.choice(("mean", "median", "max", "spread", "stdev"))
        name = self.fresh(f"{kind}_{series.split('_')[0]}")
        modules: tuple[str, ...] = ()
        if kind in ("mean", "median", "stdev"):
            modules = ("statistics",)
            expression = f"statistics.{kind}({series}) if len({series}) > 1 else 0.0"
        elif kind == "max":
            expression = f"max({series}, default=0.0)"
        else:
            expression = f"(max({series}) - min({series})) if {series} else 0.0"
        body = f"{name} = {expression}\n{name}"
        self.pools.scalars.append(name)
        self.add(CellSpec(body, defines=(name,), reads=(series,)), *modules)

    # ---------------------------------------------------------------- UI

    def slider_cell(self) -> None:
        name = self.fresh(f"{self.metric()}_slider")
        stop = self.rng.choice((10, 50, 100))
        body = fill(
            """
            <<name>> = mo.ui.slider(start=0, stop=<<stop>>, step=<<step>>, value=<<value>>, label="<<label>>")
            <<name>>
            """,
            name=name,
            stop=stop,
            step=max(1, stop // 20),
            value=stop // 2,
            label=f"{self.word().capitalize()} cut-off",
        )
        self.pools.sliders.append(name)
        self.add(CellSpec(body, defines=(name,)), "mo")

    def dropdown_cell(self) -> None:
        name = self.fresh(f"{self.topic.entity}_picker")
        options = ", ".join(f'"{c}"' for c in self.topic.categories)
        body = fill(
            """
            <<name>> = mo.ui.dropdown(
                options=[<<options>>],
                value="<<value>>",
                label="<<label>>",
            )
            <<name>>
            """,
            name=name,
            options=options,
            value=self.category(),
            label=self.topic.entity.capitalize(),
        )
        self.pools.dropdowns.append(name)
        self.add(CellSpec(body, defines=(name,)), "mo")

    def checkbox_cell(self) -> None:
        name = self.fresh(self.rng.choice(("show_details", "log_scale", "include_outliers", "descending")))
        label = name.replace("_", " ")
        body = f'{name} = mo.ui.checkbox(value={self.rng.choice((True, False))}, label="{label}")\n{name}'
        self.pools.checkboxes.append(name)
        self.add(CellSpec(body, defines=(name,)), "mo")

    def number_cell(self) -> None:
        name = self.fresh(self.rng.choice(("top_k", "window_size", "n_bins")))
        value = self.rng.randint(2, 10)
        body = f'{name} = mo.ui.number(start=1, stop=20, step=1, value={value}, label="{name}")\n{name}'
        self.pools.numbers.append(name)
        self.add(CellSpec(body, defines=(name,)), "mo")

    def ui_stack(self) -> None:
        elements = self.pools.sliders + self.pools.dropdowns + self.pools.checkboxes + self.pools.numbers
        if len(elements) < 2:
            return
        chosen = self.rng.sample(elements, 2)
        body = fill(
            """
            mo.vstack(
                [
                    mo.md("### Controls"),
                    mo.hstack([<<a>>, <<b>>], justify="start"),
                ]
            )
            """,
            a=chosen[0],
            b=chosen[1],
        )
        self.add(CellSpec(body, reads=tuple(chosen)), "mo")

    def slider_filter(self) -> None:
        slider, records = self.pick(self.pools.sliders), self.pick(self.pools.records)
        if slider is None or records is None:
            return
        column = self.rng.choice(self.columns_of(records))
        name = self.fresh(f"selected_{records}")
        body = fill(
            """
            <<name>> = [
                row for row in <<records>> if row["<<column>>"] >= <<slider>>.value * <<scale>>
            ]
            mo.md(f"{len(<<name>>)} of {len(<<records>>)} rows pass the cut-off")
            """,
            name=name,
            records=records,
            column=column,
            slider=slider,
            scale=self.rng.choice((1, 2, 5)),
        )
        self.pools.records.append(name)
        self.record_metrics[name] = self.columns_of(records)
        self.add(CellSpec(body, defines=(name,), reads=(slider, records)), "mo")

    def dropdown_filter(self) -> None:
        dropdown, records = self.pick(self.pools.dropdowns), self.pick(self.pools.records)
        if dropdown is None or records is None:
            return
        name = self.fresh(f"{self.topic.entity}_rows")
        body = fill(
            """
            <<name>> = [row for row in <<records>> if row["<<entity>>"] == <<dropdown>>.value]
            <<name>>
            """,
            name=name,
            records=records,
            entity=self.topic.entity,
            dropdown=dropdown,
        )
        self.pools.records.append(name)
        self.record_metrics[name] = self.columns_of(records)
        self.add(CellSpec(body, defines=(name,), reads=(dropdown, records)))

    def checkbox_branch(self) -> None:
        checkbox, series = self.pick(self.pools.checkboxes), self.pick(self.pools.series)
        if checkbox is None or series is None:
            return
        name = self.fresh(f"{series}_view")
        body = fill(
            """
            if <<checkbox>>.value:
                <<name>> = sorted(<<series>>, reverse=True)
            else:
                <<name>> = [round(v, 1) for v in <<series>>]
            print(f"showing {len(<<name>>)} values")
            """,
            name=name,
            checkbox=checkbox,
            series=series,
        )
        self.pools.series.append(name)
        self.add(CellSpec(body, defines=(name,), reads=(checkbox, series)))

    def match_cell(self) -> None:
        dropdown = self.pick(self.pools.dropdowns)
        if dropdown is None:
            return
        a, b, c = self.rng.sample(self.topic.categories, 3)
        name = self.fresh(f"{self.topic.entity}_weight")
        body = fill(
            """
            match <<dropdown>>.value:
                case "<<a>>":
                    <<name>> = 1.0
                case "<<b>>" | "<<c>>":
                    <<name>> = 0.5
                case _:
                    <<name>> = 0.25
            """,
            dropdown=dropdown,
            name=name,
            a=a,
            b=b,
            c=c,
        )
        self.pools.scalars.append(name)
        self.add(CellSpec(body, defines=(name,), reads=(dropdown,)))

    def table_cell(self) -> None:
        records = self.pick(self.pools.records)
        if records is None:
            return
        name = self.fresh(f"{records}_table")
        size = self.rng.choice((5, 10, 20))
        body = f'{name} = mo.ui.table({records}, page_size={size}, label="{records}")\n{name}'
        self.add(CellSpec(body, defines=(name,), reads=(records,)), "mo")

    def mo_stop_cell(self) -> None:
        checkbox, records = self.pick(self.pools.checkboxes), self.pick(self.pools.records)
        if checkbox is None or records is None:
            return
        column = self.rng.choice(self.columns_of(records))
        body = fill(
            """
            mo.stop(not <<checkbox>>.value, mo.md("Tick the box above to see the details."))
            _lines = [f"- {row['<<entity>>']}: {row['<<column>>']}" for row in <<records>>]
            mo.md("\\n".join(_lines))
            """,
            checkbox=checkbox,
            entity=self.topic.entity,
            column=column,
            records=records,
        )
        self.add(CellSpec(body, reads=(checkbox, records)), "mo")

    # ---------------------------------------------------------------- plots

    def line_plot(self) -> None:
        series = self.pick(self.pools.series)
        if series is None:
            return
        color = self.rng.choice(COLORS)
        if self.rng.random() < 0.5:
            fig, ax = "_fig", "_ax"
            defines: tuple[str, ...] = ()
        else:
            fig, ax = self.fresh_pair("fig", "ax", series.split("_")[0])
            defines = (fig, ax)
        body = fill(
            """
            <<fig>>, <<ax>> = plt.subplots(figsize=(<<w>>, <<h>>))
            <<ax>>.plot(<<series>>, marker="o", color="<<color>>", label="<<series>>")
            <<ax>>.set_xlabel("index")
            <<ax>>.set_ylabel("<<series>>")
            <<ax>>.set_title("<<title>>")
            <<ax>>.grid(alpha=0.3)
            <<ax>>.legend()
            <<fig>>
            """,
            fig=fig,
            ax=ax,
            w=self.rng.choice((5, 6, 8)),
            h=self.rng.choice((3, 4)),
            series=series,
            color=color,
            title=f"{self.word().capitalize()} of {series}",
        )
        self.add(CellSpec(body, defines=defines, reads=(series,)), "plt")

    def bar_plot(self) -> None:
        mapping = self.pick(self.pools.mappings)
        if mapping is None:
            return
        body = fill(
            """
            _fig, _ax = plt.subplots(figsize=(6, 3))
            _labels = list(<<mapping>>.keys())
            _ax.bar(_labels, [<<mapping>>[k] for k in _labels], color="<<color>>")
            _ax.set_title("<<title>>")
            _ax.tick_params(axis="x", rotation=30)
            _fig.tight_layout()
            _fig
            """,
            mapping=mapping,
            color=self.rng.choice(COLORS),
            title=f"{mapping.replace('_', ' ')} by {self.topic.entity}",
        )
        self.add(CellSpec(body, reads=(mapping,)), "plt")

    def hist_plot(self) -> None:
        series = self.pick(self.pools.series)
        if series is None:
            return
        bins = self.pick(self.pools.numbers)
        bins_expression = f"{bins}.value" if bins else str(self.rng.choice((10, 20, 30)))
        body = fill(
            """
            plt.figure(figsize=(5, 3))
            plt.hist(<<series>>, bins=<<bins>>, alpha=0.8)
            plt.title("Distribution of <<series>>")
            plt.gca()
            """,
            series=series,
            bins=bins_expression,
        )
        self.add(CellSpec(body, reads=(series,) + ((bins,) if bins else ())), "plt")

    # ---------------------------------------------------------------- functions and classes

    def helper_spec(self, body: str, name: str) -> CellSpec:
        if self.toplevel_helpers:
            return CellSpec(body, kind="function", defines=(name,))
        return CellSpec(body, defines=(name,))

    def reducer_function(self) -> None:
        kind = self.rng.choice(("trimmed_mean", "percentile", "geometric_mean", "weighted_last"))
        name = self.fresh(kind)
        modules: tuple[str, ...] = ()
        if kind == "trimmed_mean":
            body = fill(
                '''
                def <<name>>(values, trim=<<trim>>):
                    """Mean of `values` without the lowest and highest `trim` share."""
                    ordered = sorted(values)
                    cut = int(len(ordered) * trim)
                    kept = ordered[cut : len(ordered) - cut] or ordered
                    return sum(kept) / len(kept) if kept else 0.0
                ''',
                name=name,
                trim=self.rng.choice((0.05, 0.1, 0.2)),
            )
        elif kind == "percentile":
            modules = ("math",)
            body = fill(
                '''
                def <<name>>(values, q=<<q>>):
                    """The q-th percentile, interpolating between the closest ranks."""
                    if not values:
                        return 0.0
                    ordered = sorted(values)
                    position = (len(ordered) - 1) * q / 100
                    low, high = math.floor(position), math.ceil(position)
                    if low == high:
                        return ordered[low]
                    return ordered[low] * (high - position) + ordered[high] * (position - low)
                ''',
                name=name,
                q=self.rng.choice((50, 90, 95, 99)),
            )
        elif kind == "geometric_mean":
            modules = ("math",)
            body = fill(
                """
                def <<name>>(values):
                    positive = [v for v in values if v > 0]
                    if not positive:
                        return 0.0
                    return math.exp(sum(math.log(v) for v in positive) / len(positive))
                """,
                name=name,
            )
        else:
            body = fill(
                """
                def <<name>>(values, decay=<<decay>>):
                    total, weight, current = 0.0, 0.0, 1.0
                    for value in reversed(values):
                        total += value * current
                        weight += current
                        current *= decay
                    return total / weight if weight else 0.0
                """,
                name=name,
                decay=self.rng.choice((0.5, 0.8, 0.9)),
            )
        self.pools.reducers.append(name)
        self.add(self.helper_spec(body, name), *modules)

    def transform_function(self) -> None:
        kind = self.rng.choice(("moving_average", "normalize", "clip_values", "cumulative"))
        name = self.fresh(kind)
        if kind == "moving_average":
            body = fill(
                """
                def <<name>>(values, window=<<window>>):
                    result = []
                    for i in range(len(values)):
                        chunk = values[max(0, i - window + 1) : i + 1]
                        result.append(sum(chunk) / len(chunk))
                    return result
                """,
                name=name,
                window=self.rng.choice((3, 5, 7)),
            )
        elif kind == "normalize":
            body = fill(
                """
                def <<name>>(values):
                    low, high = min(values, default=0.0), max(values, default=1.0)
                    span = (high - low) or 1.0
                    return [(v - low) / span for v in values]
                """,
                name=name,
            )
        elif kind == "clip_values":
            body = fill(
                """
                def <<name>>(values, low=<<low>>, high=<<high>>):
                    return [min(max(v, low), high) for v in values]
                """,
                name=name,
                low=self.number(0, 10),
                high=self.number(100, 400),
            )
        else:
            body = fill(
                """
                def <<name>>(values):
                    running, out = 0.0, []
                    for value in values:
                        running += value
                        out.append(running)
                    return out
                """,
                name=name,
            )
        self.pools.transforms.append(name)
        self.add(self.helper_spec(body, name))

    def generator_function(self) -> None:
        series = self.pick(self.pools.series)
        if series is None:
            return
        name, sizes = self.fresh("batched"), self.fresh(f"{series}_batch_sizes")
        body = fill(
            """
            def <<name>>(items, size):
                for start in range(0, len(items), size):
                    yield items[start : start + size]


            <<sizes>> = [len(batch) for batch in <<name>>(<<series>>, <<size>>)]
            <<sizes>>
            """,
            name=name,
            sizes=sizes,
            series=series,
            size=self.rng.choice((2, 4, 8)),
        )
        self.add(CellSpec(body, defines=(name, sizes), reads=(series,)))

    def apply_reducer(self) -> None:
        reducer, series = self.pick(self.pools.reducers), self.pick(self.pools.series)
        if reducer is None or series is None:
            return
        name = self.fresh(f"{reducer}_{series.split('_')[0]}")
        body = fill(
            """
            <<name>> = <<reducer>>(<<series>>)
            print(f"<<reducer>>(<<series>>) = {<<name>>:.4f}")
            """,
            name=name,
            reducer=reducer,
            series=series,
        )
        self.pools.scalars.append(name)
        self.add(CellSpec(body, defines=(name,), reads=(reducer, series)))

    def apply_transform(self) -> None:
        transform, series = self.pick(self.pools.transforms), self.pick(self.pools.series)
        if transform is None or series is None:
            return
        name = self.fresh(f"{series.split('_')[0]}_{transform.split('_')[0]}")
        body = f"{name} = {transform}({series})\n{name}[:5]"
        self.pools.series.append(name)
        self.add(CellSpec(body, defines=(name,), reads=(transform, series)))

    def tracker_class(self) -> None:
        name = self.fresh(self.rng.choice(("RunningStats", "Tracker", "Accumulator")))
        body = fill(
            '''
            class <<name>>:
                """Count, mean and extremes of a stream of values."""

                def __init__(self, label):
                    self.label = label
                    self.count = 0
                    self.total = 0.0
                    self.low = float("inf")
                    self.high = float("-inf")

                def update(self, value):
                    self.count += 1
                    self.total += value
                    self.low = min(self.low, value)
                    self.high = max(self.high, value)
                    return self

                @property
                def mean(self):
                    return self.total / self.count if self.count else 0.0

                def __repr__(self):
                    return f"{type(self).__name__}({self.label!r}, n={self.count}, mean={self.mean:.3f})"
            ''',
            name=name,
        )
        self.pools.trackers.append(name)
        if self.toplevel_helpers:
            self.add(CellSpec(body, kind="class", defines=(name,)))
        else:
            self.add(CellSpec(body, defines=(name,)))

    def dataclass_cell(self) -> None:
        name = self.fresh(self.rng.choice(("Reading", "Entry", "Sample")))
        body = fill(
            """
            @dataclass(frozen=True)
            class <<name>>:
                <<entity>>: str
                value: float
                tags: tuple = ()

                def scaled(self, factor: float) -> "<<name>>":
                    return <<name>>(self.<<entity>>, self.value * factor, self.tags)
            """,
            name=name,
            entity=self.topic.entity,
        )
        if self.toplevel_helpers:
            self.add(CellSpec(body, kind="class", defines=(name,)), "dataclass")
        else:
            self.add(CellSpec(body, defines=(name,)), "dataclass")
        records = self.pick(self.pools.records)
        room = len(self.cells) < self.target
        if records is not None and room and self.rng.random() < 0.8:
            items = self.fresh(f"{name.lower()}_items")
            column = self.rng.choice(self.columns_of(records))
            use = fill(
                """
                <<items>> = [<<name>>(row["<<entity>>"], row["<<column>>"]) for row in <<records>>]
                <<items>>[:3]
                """,
                items=items,
                name=name,
                entity=self.topic.entity,
                column=column,
                records=records,
            )
            self.add(CellSpec(use, defines=(items,), reads=(name, records)))

    def use_tracker(self) -> None:
        tracker, series = self.pick(self.pools.trackers), self.pick(self.pools.series)
        if tracker is None or series is None:
            return
        name = self.fresh(f"{series.split('_')[0]}_stats")
        body = fill(
            """
            <<name>> = <<tracker>>("<<series>>")
            for _value in <<series>>:
                <<name>>.update(_value)
            <<name>>
            """,
            name=name,
            tracker=tracker,
            series=series,
        )
        self.add(CellSpec(body, defines=(name,), reads=(tracker, series)))

    # ---------------------------------------------------------------- loops and comprehensions

    def loop_aggregate(self) -> None:
        records = self.pick(self.pools.records)
        if records is None:
            return
        column = self.rng.choice(self.columns_of(records))
        name = self.fresh(f"{column}_by_{self.topic.entity}")
        body = fill(
            """
            <<name>> = {}
            for _row in <<records>>:
                _key = _row["<<entity>>"]
                <<name>>[_key] = <<name>>.get(_key, 0) + _row["<<column>>"]
            <<name>>
            """,
            name=name,
            records=records,
            entity=self.topic.entity,
            column=column,
        )
        self.pools.mappings.append(name)
        self.add(CellSpec(body, defines=(name,), reads=(records,)))

    def dict_comprehension(self) -> None:
        mapping = self.pick(self.pools.mappings)
        if mapping is None:
            return
        name = self.fresh(f"{mapping}_share")
        body = fill(
            """
            _total = sum(<<mapping>>.values()) or 1
            <<name>> = {key: round(value / _total, 3) for key, value in <<mapping>>.items()}
            <<name>>
            """,
            name=name,
            mapping=mapping,
        )
        self.pools.mappings.append(name)
        self.add(CellSpec(body, defines=(name,), reads=(mapping,)))

    def set_comprehension(self) -> None:
        records = self.pick(self.pools.records)
        if records is None:
            return
        name = self.fresh(f"{self.topic.entity}_names")
        body = fill(
            """
            <<name>> = sorted({row["<<entity>>"] for row in <<records>>} - {"<<skip>>"})
            print(", ".join(<<name>>))
            """,
            name=name,
            entity=self.topic.entity,
            records=records,
            skip=self.category(),
        )
        self.add(CellSpec(body, defines=(name,), reads=(records,)))

    def sorted_top(self) -> None:
        records = self.pick(self.pools.records)
        if records is None:
            return
        column = self.rng.choice(self.columns_of(records))
        count = self.pick(self.pools.numbers)
        limit = f"{count}.value" if count else str(self.rng.randint(3, 5))
        name = self.fresh(f"top_{column}")
        body = fill(
            """
            <<name>> = sorted(<<records>>, key=lambda row: row["<<column>>"], reverse=True)[:<<limit>>]
            [(row["<<entity>>"], row["<<column>>"]) for row in <<name>>]
            """,
            name=name,
            records=records,
            column=column,
            limit=limit,
            entity=self.topic.entity,
        )
        self.pools.records.append(name)
        self.record_metrics[name] = self.columns_of(records)
        reads = (records, count) if count else (records,)
        self.add(CellSpec(body, defines=(name,), reads=reads))

    def enumerate_zip(self) -> None:
        if len(self.pools.series) < 2:
            return
        first, second = self.rng.sample(self.pools.series, 2)
        name = self.fresh(f"{first.split('_')[0]}_deltas")
        body = fill(
            """
            <<name>> = []
            for _i, (_a, _b) in enumerate(zip(<<first>>, <<second>>)):
                if _i % <<every>> == 0:
                    <<name>>.append({"step": _i, "delta": round(_b - _a, 4)})
            <<name>>[:3]
            """,
            name=name,
            first=first,
            second=second,
            every=self.rng.choice((1, 2, 5)),
        )
        self.add(CellSpec(body, defines=(name,), reads=(first, second)))

    def while_loop(self) -> None:
        scalar = self.pick(self.pools.scalars)
        if scalar is None:
            return
        name = self.fresh("halvings")
        body = fill(
            """
            _remaining = abs(<<scalar>>) + 1
            <<name>> = 0
            while _remaining > 1:
                _remaining /= 2
                <<name>> += 1
            <<name>>
            """,
            scalar=scalar,
            name=name,
        )
        self.pools.scalars.append(name)
        self.add(CellSpec(body, defines=(name,), reads=(scalar,)))

    def try_json(self) -> None:
        config = self.pick(self.pools.configs) or self.pick(self.pools.mappings)
        if config is None:
            return
        name = self.fresh(f"{config}_roundtrip")
        body = fill(
            """
            _payload = json.dumps(<<config>>, sort_keys=True)
            try:
                <<name>> = json.loads(_payload)
            except ValueError as error:
                print(f"cannot decode: {error}")
                <<name>> = {}
            """,
            name=name,
            config=config,
        )
        self.add(CellSpec(body, defines=(name,), reads=(config,)), "json")

    def print_summary(self) -> None:
        records = self.pick(self.pools.records)
        if records is None:
            return
        column = self.rng.choice(self.columns_of(records))
        body = fill(
            """
            _values = [row["<<column>>"] for row in <<records>>]
            for _key in sorted({row["<<entity>>"] for row in <<records>>}):
                _mine = [row["<<column>>"] for row in <<records>> if row["<<entity>>"] == _key]
                print(f"{_key:>12}: n={len(_mine):3d}  mean <<column>>={sum(_mine) / len(_mine):10.2f}")
            print(f"{'all':>12}: n={len(_values):3d}")
            """,
            records=records,
            entity=self.topic.entity,
            column=column,
        )
        self.add(CellSpec(body, reads=(records,)))

    def counter_cell(self) -> None:
        records = self.pick(self.pools.records)
        if records is None:
            return
        name = self.fresh(f"{self.topic.entity}_counts")
        body = fill(
            """
            <<name>> = collections.Counter(row["<<entity>>"] for row in <<records>>)
            <<name>>.most_common(3)
            """,
            name=name,
            entity=self.topic.entity,
            records=records,
        )
        self.add(CellSpec(body, defines=(name,), reads=(records,)), "collections")

    def itertools_cell(self) -> None:
        series = self.pick(self.pools.series)
        if series is None:
            return
        name = self.fresh(f"{series.split('_')[0]}_running")
        body = fill(
            """
            <<name>> = list(itertools.accumulate(<<series>>, max))
            _pairs = list(itertools.pairwise(<<name>>))
            print(f"{sum(1 for a, b in _pairs if b > a)} new highs")
            """,
            name=name,
            series=series,
        )
        self.pools.series.append(name)
        self.add(CellSpec(body, defines=(name,), reads=(series,)), "itertools")

    def datetime_cell(self) -> None:
        name = self.fresh("report_dates")
        body = fill(
            """
            _start = dt.date(<<year>>, <<month>>, 1)
            <<name>> = [_start + dt.timedelta(days=7 * week) for week in range(<<weeks>>)]
            print(f"from {<<name>>[0]:%Y-%m-%d} to {<<name>>[-1]:%d %b %Y}")
            """,
            name=name,
            year=self.rng.randint(2021, 2025),
            month=self.rng.randint(1, 12),
            weeks=self.rng.randint(4, 26),
        )
        self.add(CellSpec(body, defines=(name,)), "dt")

    def regex_cell(self) -> None:
        name = self.fresh(f"{self.topic.entity}_pattern")
        matches = self.fresh(f"matching_{self.topic.entity}s")
        categories = ", ".join(f'"{c}"' for c in self.topic.categories)
        body = fill(
            """
            <<name>> = re.compile(r"^[a-z]{2,}(_[a-z0-9]+)?$")
            <<matches>> = [c for c in [<<categories>>] if <<name>>.match(c)]
            <<matches>>
            """,
            name=name,
            matches=matches,
            categories=categories,
        )
        self.add(CellSpec(body, defines=(name, matches)), "re")

    # ---------------------------------------------------------------- numpy and pandas

    def numpy_cell(self) -> None:
        series = self.pick(self.pools.series)
        if series is None:
            return
        name = self.fresh(f"{series.split('_')[0]}_array")
        zscores = self.fresh(f"{series.split('_')[0]}_z")
        body = fill(
            """
            <<name>> = np.asarray(<<series>>, dtype=float)
            <<z>> = (<<name>> - <<name>>.mean()) / (<<name>>.std() or 1.0)
            <<z>>.round(2)
            """,
            name=name,
            series=series,
            z=zscores,
        )
        self.pools.arrays += [name, zscores]
        self.add(CellSpec(body, defines=(name, zscores), reads=(series,)), "np")

    def numpy_stats(self) -> None:
        array = self.pick(self.pools.arrays)
        if array is None:
            return
        name = self.fresh(f"{array}_quantiles")
        body = fill(
            """
            <<name>> = {q: float(np.percentile(<<array>>, q)) for q in (5, 25, 50, 75, 95)}
            _outliers = int(np.sum(np.abs(<<array>> - np.median(<<array>>)) > <<k>> * np.std(<<array>>)))
            print(f"<<array>>: {_outliers} outliers, median {<<name>>[50]:.3f}")
            """,
            name=name,
            array=array,
            k=self.rng.choice((2, 3)),
        )
        self.add(CellSpec(body, defines=(name,), reads=(array,)), "np")

    def pandas_frame(self) -> None:
        records = self.pick(self.pools.records)
        if records is None:
            return
        name = self.fresh(f"{records}_df" if not records.endswith("df") else f"{records}_frame")
        body = f"{name} = pd.DataFrame({records})\n{name}.head()"
        self.pools.frames.append(name)
        self.frame_metrics[name] = self.columns_of(records)
        self.add(CellSpec(body, defines=(name,), reads=(records,)), "pd")

    def pandas_groupby(self) -> None:
        frame = self.pick(self.pools.frames)
        if frame is None:
            return
        column = self.rng.choice(self.frame_metrics[frame])
        name = self.fresh(f"{column}_summary")
        body = fill(
            """
            <<name>> = (
                <<frame>>.groupby("<<entity>>")["<<column>>"]
                .agg(["count", "mean", "max"])
                .sort_values("mean", ascending=False)
                .reset_index()
            )
            <<name>>
            """,
            name=name,
            frame=frame,
            entity=self.topic.entity,
            column=column,
        )
        self.add(CellSpec(body, defines=(name,), reads=(frame,)))

    def pandas_assign(self) -> None:
        frame = self.pick(self.pools.frames)
        if frame is None:
            return
        metrics = self.frame_metrics[frame]
        if len(metrics) < 2:
            return
        first, second = self.rng.sample(metrics, 2)
        name = self.fresh(f"{frame}_ratios")
        body = fill(
            """
            <<name>> = <<frame>>.assign(
                ratio=lambda d: d["<<first>>"] / d["<<second>>"].clip(lower=1),
                rank=lambda d: d["<<first>>"].rank(ascending=False),
            ).query("ratio > <<cut>>")
            <<name>>
            """,
            name=name,
            frame=frame,
            first=first,
            second=second,
            cut=self.number(0, 1),
        )
        self.pools.frames.append(name)
        self.frame_metrics[name] = metrics
        self.add(CellSpec(body, defines=(name,), reads=(frame,)))

    # ---------------------------------------------------------------- anti-patterns

    def seed_return_in_branch(self) -> None:
        """NB001: a cell that returns from the branches of an `if`, and a cell that reads the result."""
        series = self.pick(self.pools.series)
        condition = f"len({series}) > {self.rng.randint(5, 30)}" if series else "True"
        name = self.fresh(self.rng.choice(("backend", "mode", "strategy", "resolution")))
        first, second = self.rng.sample(("fast", "exact", "sampled", "streaming", "cached"), 2)
        if self.rng.random() < 0.5:
            body = fill(
                """
                if <<condition>>:
                    <<name>> = "<<first>>"
                    return <<name>>
                else:
                    <<name>> = "<<second>>"
                    return <<name>>
                """,
                condition=condition,
                name=name,
                first=first,
                second=second,
            )
        else:
            body = fill(
                """
                if <<condition>>:
                    <<name>> = "<<first>>"
                    print("large input")
                    return <<name>>
                elif <<condition2>>:
                    <<name>> = "<<second>>"
                    return <<name>>
                else:
                    <<name>> = "default"
                    return <<name>>
                """,
                condition=condition,
                condition2=f"len({series}) > 2" if series else "False",
                name=name,
                first=first,
                second=second,
            )
        reads = (series,) if series else ()
        self.insert_after(CellSpec(body, final_return=False, defines=(name,), reads=reads), reads)
        reader = CellSpec(f'print(f"using the {{{name}}} path")', reads=(name,))
        self.insert_after(reader, (name,))

    def seed_case_mismatch(self) -> None:
        """NB002: a cell reads `max_rows`, the defining cell wrote `MAX_ROWS`."""
        constant, expression = self.rng.choice(
            (
                ("CUDF_AVAILABLE", 'importlib.util.find_spec("cudf") is not None'),
                ("MAX_ROWS", str(self.rng.choice((500, 1000, 5000)))),
                ("USE_CACHE", "True"),
                ("SAMPLE_RATE", str(self.rng.choice((0.1, 0.25, 0.5)))),
            )
        )
        constant = self.fresh(constant)
        body = f"{constant} = {expression}"
        if "importlib" in expression:
            body = f"import importlib.util\n\n{body}"
            self.used.add("importlib")
        self.insert_after(CellSpec(body, defines=(constant,)), ())
        lower = constant.lower()
        reader = fill(
            """
            # <<word>> settings
            print(f"<<lower>> = {<<lower>>}")
            """,
            word=self.word(),
            lower=lower,
        )
        self.insert_after(CellSpec(reader, reads=(lower,)), (constant,))

    def seed_private_shared(self) -> None:
        """NB003: a `_private` helper of one cell called from another."""
        series = self.pick(self.pools.series)
        public = self.fresh(self.rng.choice(("rescale", "clamp", "smooth")))  # what the fix will rename to
        private = f"_{public}"
        first = self.fresh(f"{public}_first")
        second = self.fresh(f"{public}_second")
        source = series or "[1.0, 2.0, 3.0]"
        body = fill(
            """
            def <<private>>(values, factor=<<factor>>):
                return [round(v * factor, 3) for v in values]


            <<first>> = <<private>>(<<source>>)
            """,
            private=private,
            factor=self.number(0.1, 2),
            first=first,
            source=source,
        )
        reads = (series,) if series else ()
        self.insert_after(CellSpec(body, defines=(first,), reads=reads), reads)
        reader = f"{second} = {private}({first}, factor=2)\n{second}"
        self.insert_after(CellSpec(reader, defines=(second,), reads=(first,)), (first,))

    def seed_stale_signature(self) -> None:
        """NB005: marks a cell that reads something; `render` makes its signature stale."""
        candidates = [c for c in self.cells if c.kind == "cell" and c.reads and c.final_return]
        if candidates:
            self.rng.choice(candidates).stale = True


# -------------------------------------------------------------------- rendering


def _import_lines(modules: set[str]) -> str:
    stdlib = sorted(MODULES[m][0] for m in modules if MODULES[m][1])
    plain = [line for line in stdlib if line.startswith("import ")]
    froms = [line for line in stdlib if line.startswith("from ")]
    third = [MODULES[m][0] for m in THIRD_PARTY_ORDER if m in modules]
    groups = [group for group in (plain + froms, third) if group]
    return "\n\n".join("\n".join(group) for group in groups)


def _stale(rng: random.Random, params: tuple[str, ...], returns: tuple[str, ...], others: list[str]):
    """A stale (params, returns) for NB005, as people leave them after editing a cell."""
    options = []
    if params:
        options.append("missing_param")
    if len(params) >= 2:
        options.append("unsorted_params")
    if returns:
        options.append("missing_return")
    extra = [name for name in others if name not in params]
    if extra:
        options.append("extra_param")
    kind = rng.choice(options)
    if kind == "missing_param":
        dropped = rng.choice(params)
        return tuple(p for p in params if p != dropped), returns
    if kind == "unsorted_params":
        return tuple(reversed(params)), returns
    if kind == "missing_return":
        return params, returns[:-1]
    return tuple(sorted((*params, rng.choice(extra)))), returns


def _cell_text(spec: CellSpec, header: str = "def _():", returns: str = "    return") -> str:
    if spec.kind in ("function", "class"):
        decorator = "@app.function" if spec.kind == "function" else "@app.class_definition"
        return f"{decorator}\n{spec.body}\n"
    decorator = "@app.cell(hide_code=True)" if spec.hide_code else "@app.cell"
    body = textwrap.indent(spec.body, "    ")
    tail = f"\n{returns}\n" if spec.final_return else "\n"
    return f"{decorator}\n{header}\n{body}{tail}"


def render(rng: random.Random, builder: NotebookBuilder, title: str) -> str:
    modules = builder.modules
    setup_modules = {m for m in modules if MODULES[m][1]} if builder.use_setup else set()
    cell_modules = modules - setup_modules
    imports = CellSpec(_import_lines(cell_modules), defines=tuple(sorted(cell_modules)))
    specs = [imports, *builder.cells]

    head = ""
    if rng.random() < 0.25:
        deps = ["marimo", "matplotlib", "numpy", "pandas"][: rng.randint(1, 4)]
        head = '# /// script\n# requires-python = ">=3.11"\n# dependencies = [\n'
        head += "".join(f'#     "{d}",\n' for d in deps) + "# ]\n# ///\n\n"
    app_args = rng.choice(("", "", 'width="medium"', f'width="full", app_title="{title}"'))
    head += f'import marimo\n\n__generated_with = "{GENERATED_WITH}"\napp = marimo.App({app_args})\n\n'
    if setup_modules:
        head += "with app.setup:\n" + textwrap.indent(_import_lines(setup_modules), "    ") + "\n\n"
    footer = '\n\nif __name__ == "__main__":\n    app.run()\n'

    def assemble(cell_texts: list[str]) -> str:
        return head + "\n" + "\n\n".join(cell_texts) + footer

    # Draft with empty signatures, parse it, and sign each cell as marimo would.
    notebook = Notebook.parse(assemble([_cell_text(spec) for spec in specs]))
    code_cells = list(notebook.code_cells)
    if len(code_cells) != sum(spec.kind == "cell" for spec in specs):
        raise AssertionError("a generated cell body did not parse as one cell")
    cells = iter(code_cells)
    all_defs = sorted(notebook.definers)
    texts = []
    for spec in specs:
        if spec.kind != "cell":
            texts.append(_cell_text(spec))
            continue
        cell = next(cells)
        signature = expected_signature(notebook, cell)
        params, returns = signature.params, signature.returns
        if spec.stale:
            others = [n for n in all_defs if n not in cell.defs and n not in cell.refs]
            params, returns = _stale(rng, params, returns, others)
        header = render_header("_", annotated_params(notebook, params), signature.is_async)
        texts.append(_cell_text(spec, header, render_return(returns)))
    return assemble(texts)


def generate(out_dir: Path, count: int, seed: int, seeded_fraction: float) -> dict:
    out_dir.mkdir(parents=True, exist_ok=True)
    master = random.Random(f"nbfix-bench:{seed}")
    seeded = set(master.sample(range(count), round(count * seeded_fraction)))
    manifest: dict = {"seed": seed, "count": count, "seeded_fraction": seeded_fraction, "seeded": {}}
    total_lines = total_cells = 0
    for index in range(count):
        rng = random.Random(f"nbfix-bench:{seed}:{index}")
        topic = rng.choice(TOPICS)
        anti_patterns = sorted(rng.sample(ANTI_PATTERNS, rng.randint(1, 3))) if index in seeded else []
        builder = NotebookBuilder(rng, topic, rng.randint(30, 80), anti_patterns)
        builder.build()
        text = render(rng, builder, topic.title)
        name = f"nb_{index:04d}_{topic.slug}.py"
        (out_dir / name).write_text(text, encoding="utf-8")
        total_lines += text.count("\n")
        total_cells += len(builder.cells) + 1 + builder.use_setup  # + imports (+ setup)
        if anti_patterns:
            manifest["seeded"][name] = anti_patterns
    manifest["lines"] = total_lines
    manifest["cells"] = total_cells
    (out_dir / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    return manifest


# -------------------------------------------------------------------- verification


def _nbfix_findings(directory: Path) -> dict[str, Counter]:
    result = subprocess.run(
        [sys.executable, "-m", "nbfix", "--no-cache", "-q", "--output-format", "json-lines", str(directory)],
        capture_output=True,
        text=True,
        check=False,
        cwd=directory,
    )
    if result.returncode not in (0, 1):
        raise SystemExit(f"nbfix failed ({result.returncode}):\n{result.stderr}")
    findings: dict[str, Counter] = {}
    for line in result.stdout.splitlines():
        record = json.loads(line)
        findings.setdefault(Path(record["filename"]).name, Counter())[record["code"]] += 1
    return findings


def verify(out_dir: Path, manifest: dict) -> bool:
    """Clean files raise nothing; seeded files raise what they were given; --write fixes them all."""
    findings = _nbfix_findings(out_dir)
    seeded: dict[str, list[str]] = manifest["seeded"]
    ok = True
    for name, codes in sorted(findings.items()):
        expected = set(seeded.get(name, ()))
        allowed = expected | ({"NB005"} if "NB001" in expected else set())
        unexpected = set(codes) - allowed
        if unexpected:
            ok = False
            print(f"{name}: unexpected {sorted(unexpected)} (seeded {sorted(expected)})")
    for name, codes in sorted(seeded.items()):
        missing = set(codes) - set(findings.get(name, ()))
        if missing:
            ok = False
            print(f"{name}: seeded {sorted(missing)} not reported")
    total = Counter()
    for codes in findings.values():
        total.update(codes)
    counts = dict(sorted(total.items()))
    print(f"nbfix check: {len(findings)} files with diagnostics ({len(seeded)} seeded): {counts}")

    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "notebooks"
        shutil.copytree(out_dir, copy)
        result = subprocess.run(
            # NB002's seeded misspelling (`max_rows` for `MAX_ROWS`) is a case-fold rename: unsafe.
            [sys.executable, "-m", "nbfix", "--no-cache", "-q", "--write", "--unsafe-fixes", str(copy)],
            capture_output=True,
            text=True,
            check=False,
            cwd=scratch,
        )
        if result.returncode not in (0, 1):
            print(f"nbfix --write failed ({result.returncode}):\n{result.stderr}")
            return False
        left = _nbfix_findings(copy)
        if left:
            ok = False
            for name, codes in sorted(left.items()):
                print(f"after --write: {name}: {dict(codes)}")
        else:
            print("nbfix --write: every seeded file fixed, nothing left to report")
    print("verify:", "OK" if ok else "FAILED")
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--seeded-fraction", type=float, default=0.1)
    parser.add_argument("--verify", action="store_true", help="Check the result with nbfix (see above).")
    args = parser.parse_args()
    manifest = generate(args.out_dir, args.count, args.seed, args.seeded_fraction)
    print(
        f"{args.count} notebooks ({manifest['cells']} cells, {manifest['lines']} lines, "
        f"{len(manifest['seeded'])} seeded) in {args.out_dir}"
    )
    if args.verify and not verify(args.out_dir, manifest):
        sys.exit(1)


if __name__ == "__main__":
    main()
