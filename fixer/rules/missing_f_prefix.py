"""NB007 missing-f-prefix.

A plain string literal such as `"Loss: {loss:.3f}"` prints its braces, not
the value: the author meant an f-string. Reporting every string with braces
would be noise (templates, JSON, LaTeX, CSS, regexes all have braces), so the
rule reports a literal only when the evidence is strong:

- every brace of the literal belongs to a field that is a valid f-string
  field (expression, `!r`/`!s`/`!a` conversion, standard or strftime format
  spec), and no `{{`, `{}`, `{0}`, nested or unmatched brace is left;
- every name a field reads is bound where the string stands (a local of the
  enclosing functions or comprehensions, a name of the cell, a name another
  cell defines, a setup or top-level name) or is a builtin, and at least one
  of them is not a builtin: `{len}` or `{id}` alone is a template
  placeholder far more often than a forgotten `f`;
- the literal is not used as a template: not the receiver of `.format`,
  `.format_map`, `.batch` (marimo's `mo.md(...).batch`), `.substitute`,
  `.replace`, not the left operand of `%`, not an argument of logging,
  `re`, `string.Template`, or of any callee or keyword whose name says
  template, format, pattern or prompt; and not assigned (directly or in a
  container, a default argument, a keyword argument, a return value) to a
  name that the notebook uses in one of those ways;
- it is not a docstring or a bare string statement, not compared or searched
  for (`==`, `in`, `.split`, `.startswith`, ...), not a subscript key, and
  has no `%s`-style placeholders, no LaTeX or path backslash commands, no
  field inside `$...$`/`$$...$$` math (`$x_{lim}$`, `$\\sigma^{2}$`), no
  `${...}`/`%{...}`/`#{...}` templates, and no field inside a Markdown code
  span or fence.

Implicit concatenations are checked token by token: the tokens with fields
get the prefix, the others keep theirs. A field written `{x=}` (self
documenting) is not recognised and never reported.
"""

from __future__ import annotations

import ast
import bisect
import io
import re
import sys
import tokenize
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property, partial
from itertools import chain

from nbfix.codemods import Declined
from nbfix.codemods.add_f_prefix import add_f_prefix, f_string_values, field_spans, split_literal
from nbfix.diagnostics import Applicability, Diagnostic, Fix, Severity
from nbfix.graph import dependency_levels
from nbfix.messages import code_list
from nbfix.nodes import walk
from nbfix.notebook import BUILTINS, Cell, CellKind, Notebook
from nbfix.rewrite import rewrite_cell
from nbfix.rules import Example, Rule, register, sometimes

_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)

# Methods that read their receiver as a template (`.replace` only when it replaces a `{...}`).
_TEMPLATE_METHODS = frozenset({"format", "format_map", "vformat", "batch", "substitute", "safe_substitute"})
# Methods whose string arguments are text to look for, not text to show.
_SEARCH_METHODS = frozenset(
    {
        "replace", "find", "rfind", "index", "rindex", "count", "startswith", "endswith", "split",
        "rsplit", "partition", "rpartition", "removeprefix", "removesuffix", "strip", "lstrip", "rstrip",
        "sub", "subn", "match", "fullmatch", "search", "findall", "finditer", "compile",
    }
)  # fmt: skip
# String methods that do not read braces: `"{x}".upper()` still lacks its `f`.
_PLAIN_METHODS = frozenset(
    {
        "upper", "lower", "title", "capitalize", "casefold", "swapcase", "strip", "lstrip", "rstrip",
        "center", "ljust", "rjust", "zfill", "expandtabs", "encode", "splitlines",
    }
)  # fmt: skip
# Methods through which a container hands out the templates it holds.
_PASS_THROUGH_METHODS = frozenset({"items", "values", "get", "copy", "pop", "setdefault"})
_LOG_METHODS = frozenset(
    {"debug", "info", "warning", "warn", "error", "exception", "critical", "log", "fatal"}
)
# Callee name segments (lower case) whose string arguments are templates or patterns.
_TEMPLATE_SEGMENTS = frozenset({"re", "regex", "logging", "logger", "log", "batch", "string"})
_TEMPLATE_WORDS = ("template", "format", "fmt", "pattern", "regex", "prompt", "logger")
# Keywords whose strings a library fills itself (Lightning's `ModelCheckpoint(filename="{epoch}")`).
_TEMPLATE_KEYWORD_WORDS = (*_TEMPLATE_WORDS, "filename")

# The standard format-spec mini-language, and strftime-style specs for dates.
_STANDARD_SPEC = re.compile(
    r"(?:[^{}]?[<>=^])?[-+ ]?z?#?0?\d*[,_]?(?:\.\d+)?[bcdeEfFgGnosxX%]?", re.DOTALL | re.ASCII
)
_STRFTIME_SPEC = re.compile(r"(?:%[-#]?[A-Za-z]|[-/:., T])+", re.ASCII)
# The width starts with 1-9: a leading 0 is a flag. Letting both take the
# zeros made a search backtrack through every split of a run of them, so a
# `%` followed by 40,000 zeros took 34 seconds.
_PERCENT_PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[-#0 +]*(?:[1-9]\d*|\*)?(?:\.\d+)?[sdifrxXeEgGcouaF]")
_BACKSLASH_COMMAND = re.compile(r"\\[A-Za-z]")
_FORBIDDEN_IN_FIELD = (
    ast.Lambda, ast.NamedExpr, ast.Await, ast.Yield, ast.YieldFrom, ast.Starred,
    ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp, ast.Dict, ast.Set, ast.JoinedStr,
)  # fmt: skip


# -- one literal token ---------------------------------------------------------------
@dataclass(frozen=True)
class Field:
    """One `{...}` field of a literal: its text as written (braces included) and the names it reads."""

    text: str
    names: frozenset[str]


def missing_fields(token: str, is_bound: Callable[[str], bool]) -> tuple[Field, ...] | None:
    """The fields of a plain literal that lacks its `f`.

    None when the token is not a plain literal with fields, or when any of
    its braces is not a field that reads a bound name (see the module
    docstring). `is_bound` says whether the notebook binds a name where the
    token stands; builtins are handled here.
    """
    try:
        prefix, quote, body = split_literal(token)
    except ValueError:
        return None
    lowered = prefix.lower()
    if "f" in lowered or "b" in lowered:
        return None
    spans = field_spans(body, raw="r" in lowered)
    if not spans or _looks_like_markup(body, spans):
        return None
    text = _text_around_fields(prefix, quote, body, spans)
    if text is None or _PERCENT_PLACEHOLDER.search(text) or _BACKSLASH_COMMAND.search(text):
        return None
    try:
        _, values = f_string_values(token)
    except Declined:
        return None
    fields = [node for node in values if isinstance(node, ast.FormattedValue)]
    # Same fields, same text around them: rules out `{x=}` and escapes that would change meaning.
    constants = "".join(node.value for node in values if isinstance(node, ast.Constant))
    if len(fields) != len(spans) or constants != text:
        return None
    if not all(_is_real_field(field, is_bound) for field in fields):
        return None
    return tuple(
        Field(body[start:end], frozenset(n.id for n in ast.walk(field) if isinstance(n, ast.Name)))
        for (start, end), field in zip(spans, fields, strict=True)
    )


def _looks_like_markup(body: str, spans: list[tuple[int, int]]) -> bool:
    """Whether any field is a brace of a shell/JS/Ruby template or LaTeX, a padded `{ name }`
    (a JS object, a template language), or a field inside a Markdown code span or fence
    or inside `$...$`/`$$...$$` math (`$x_{lim}$` is a subscript).

    The backticks before each field are counted as the walk goes, not from
    the start of the body for every field: that was quadratic in the
    length of a string with many fields.
    """
    backticks = 0
    counted = 0  # `backticks` counts the backticks of body[:counted]
    math = _math_spans(body) if "$" in body else []
    for start, end in spans:
        backticks += body.count("`", counted, start)
        counted = start
        before = body[start - 1] if start else ""
        inner = body[start + 1 : end - 1]
        if before in ("$", "%", "#", "^", "\\") or inner != inner.strip() or backticks % 2 == 1:
            return True
        if math and _inside(math, start, end):
            return True
    return False


_MATH_DELIMITER = re.compile(r"(?<!\\)\$\$?")


def _math_spans(body: str) -> list[tuple[int, int]]:
    """The (start, end) of each `$...$` or `$$...$$` of Markdown/LaTeX math in the body.

    A delimiter opens math and the next one of the same kind closes it; one
    left open is no math (`costs $5 for {n} items` is a price).
    """
    found: list[tuple[int, int]] = []
    opened: re.Match[str] | None = None
    for delimiter in _MATH_DELIMITER.finditer(body):
        if opened is None:
            opened = delimiter
        elif delimiter.group() == opened.group():
            found.append((opened.start(), delimiter.end()))
            opened = None
    return found


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Is [start, end) inside one of `spans` (sorted, not overlapping)? A binary search, not a
    scan: a string with thousands of fields and thousands of `$` stays linear-logarithmic."""
    at = bisect.bisect_left(spans, (start, start)) - 1
    return at >= 0 and spans[at][0] < start and end <= spans[at][1]


def _text_around_fields(prefix: str, quote: str, body: str, spans: list[tuple[int, int]]) -> str | None:
    """The value of the literal with its fields cut out (None if that is not a valid literal)."""
    pieces = []
    position = 0
    for start, end in spans:
        pieces.append(body[position:start])
        position = end
    pieces.append(body[position:])
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # an invalid escape such as `\d` is not ours to report
            value = ast.literal_eval(prefix + quote + "".join(pieces) + quote)
    except (ValueError, SyntaxError):
        return None
    return value if isinstance(value, str) else None


def _is_real_field(field: ast.FormattedValue, is_bound: Callable[[str], bool]) -> bool:
    if field.conversion not in (-1, ord("r"), ord("s"), ord("a")):
        return False
    if field.format_spec is not None and not _is_plain_spec(field.format_spec):
        return False
    expression = field.value
    if any(isinstance(node, _FORBIDDEN_IN_FIELD) for node in ast.walk(expression)):
        return False
    names = [node.id for node in ast.walk(expression) if isinstance(node, ast.Name)]
    bound = [name for name in names if is_bound(name)]
    return bool(bound) and all(name in bound or name in BUILTINS for name in names)


def _is_plain_spec(spec: ast.expr) -> bool:
    if not isinstance(spec, ast.JoinedStr):
        return False
    if not all(isinstance(node, ast.Constant) for node in spec.values):
        return False
    text = "".join(node.value for node in spec.values)  # type: ignore[attr-defined]
    return bool(_STANDARD_SPEC.fullmatch(text) or _STRFTIME_SPEC.fullmatch(text))


# -- where a string stands -------------------------------------------------------------
class _Scope:
    """The names one scope binds, computed on first use (most scopes hold no candidate string)."""

    def __init__(self, names: Callable[[], frozenset[str]], *, is_class: bool) -> None:
        self._names = names
        self.is_class = is_class

    @cached_property
    def names(self) -> frozenset[str]:
        return self._names()


@dataclass(frozen=True)
class _Link:
    """Where a node stands: its parent, the parent's field holding it (and its index there)."""

    parent: ast.AST
    field: str
    index: int | None
    up: _Link | None  # where the parent stands (None: the parent is a statement of the cell)


@dataclass(frozen=True)
class _Use:
    """Where a value goes: up through containers (`[s]`, `s + t`, `a if c else s`) and
    wrappers (`mo.md(s)`) to the first parent that does something with it."""

    user: _Link | None  # that parent, as the place of what it holds (None: nothing uses the value)
    wrapped: bool  # a wrapper on the way
    dict_key: bool  # a dict key on the way (the value is a key, never shown)


_UNUSED = _Use(None, wrapped=False, dict_key=False)


@dataclass(frozen=True)
class _Found:
    """A string expression of a cell: where it is, where its value goes, which names it can see."""

    node: ast.Constant | ast.JoinedStr
    link: _Link | None
    use: _Use
    scopes: tuple[_Scope, ...]  # innermost last

    def binds_locally(self, name: str) -> bool:
        """Bound by the cell or a function or comprehension around the string (not another cell)."""
        return any(name in scope.names for scope in self.scopes[1:])

    def sees(self, name: str) -> bool:
        innermost = len(self.scopes) - 1
        return any(
            name in scope.names
            for depth, scope in enumerate(self.scopes)
            if not scope.is_class or depth == innermost
        )


def _bindings(nodes: Iterable[ast.AST]) -> frozenset[str]:
    """Names bound in the scope these nodes belong to (nested scopes excluded, their names included)."""
    names: set[str] = set()
    stack = list(nodes)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Name) and not isinstance(node.ctx, ast.Load):
            names.add(node.id)
        elif isinstance(node, (*_FUNCTIONS, ast.ClassDef)):
            names.add(node.name)
            continue
        elif isinstance(node, (ast.Lambda, *_COMPREHENSIONS)):
            continue
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
        elif isinstance(node, (ast.ExceptHandler, ast.MatchAs, ast.MatchStar)) and node.name:
            names.add(node.name)
        elif isinstance(node, ast.MatchMapping) and node.rest:
            names.add(node.rest)
        stack.extend(ast.iter_child_nodes(node))
    return frozenset(names)


def _parameters(arguments: ast.arguments) -> frozenset[str]:
    every = [
        *arguments.posonlyargs,
        *arguments.args,
        *arguments.kwonlyargs,
        arguments.vararg,
        arguments.kwarg,
    ]
    return frozenset(arg.arg for arg in every if arg is not None)


def _inner_scope(node: ast.AST) -> _Scope:
    if isinstance(node, (*_FUNCTIONS, ast.Lambda)):
        body = node.body if isinstance(node.body, list) else [node.body]
        return _Scope(lambda: _parameters(node.args) | _bindings(body), is_class=False)  # type: ignore[attr-defined]
    if isinstance(node, ast.ClassDef):
        return _Scope(lambda: _bindings(node.body), is_class=True)
    targets = [generator.target for generator in node.generators]  # type: ignore[attr-defined]
    return _Scope(lambda: _bindings(targets), is_class=False)


def _opens_scope(node: ast.AST, field: str) -> bool:
    if isinstance(node, (*_FUNCTIONS, ast.Lambda, ast.ClassDef)):
        return field == "body"
    return isinstance(node, _COMPREHENSIONS)


def _has_braced_string(notebook: Notebook, cell: Cell) -> bool:
    """A cheap first pass: most cells hold no string constant with a brace at all.

    Every string `find_strings` yields is, or holds, such a constant (the
    literal parts of an f-string are constants too), so a cell without one
    has nothing to report. Nor has a cell whose source has no `{`: a brace
    that only an escape (`"\\x7b"`) makes is no field of any token.
    """
    if notebook.index.data.find(b"{", cell.span.start, cell.span.end) < 0:
        return False
    return any(isinstance(node.value, str) and "{" in node.value for node in cell.nodes.of(ast.Constant))


def _may_hold_braces(notebook: Notebook, statement: ast.stmt) -> bool:
    """Whether the statement's text (its decorators included) has a `{`: the same test as
    `_has_braced_string`, per statement, so the walk skips the many that cannot matter."""
    index = notebook.index
    first = min([statement.lineno, *(d.lineno for d in getattr(statement, "decorator_list", ()))])
    end = index.offset(statement.end_lineno or statement.lineno, statement.end_col_offset or 0)
    return index.data.find(b"{", index.line_start(first), end) >= 0


def find_strings(
    statements: Iterable[ast.stmt], outer: tuple[_Scope, ...], callees: _Callees
) -> Iterator[_Found]:
    """Every outermost string expression with braces, with its place, its use and visible scopes.

    An explicit stack, not recursion, and no list of ancestors copied at
    each level: each node's place links to its parent's, and where a value
    goes (`_Use`) is worked out from the parent's in one step. Copying the
    ancestors, and climbing them again for every string, was quadratic in
    the depth of the tree (a 9,000-link attribute chain, a sum of 8,000
    strings).
    """
    stack: list[tuple[ast.AST, _Link | None, _Use, tuple[_Scope, ...]]]
    stack = [(statement, None, _UNUSED, outer) for statement in reversed(list(statements))]
    while stack:
        node, link, use, scopes = stack.pop()
        if isinstance(node, ast.Constant):
            if isinstance(node.value, str) and "{" in node.value:
                yield _Found(node, link, use, scopes)
            continue
        if isinstance(node, ast.JoinedStr):
            if any(isinstance(part, ast.Constant) and "{" in part.value for part in node.values):
                yield _Found(node, link, use, scopes)
            continue
        inner = None
        children = []
        for field, value in ast.iter_fields(node):
            child_scopes = scopes
            if _opens_scope(node, field):
                inner = inner or _inner_scope(node)
                child_scopes = (*scopes, inner)
            climbed = _use_under(node, field, use, callees)
            items = value if isinstance(value, list) else [value]
            for index, child in enumerate(items):
                if isinstance(child, ast.AST):
                    place = _Link(node, field, index if isinstance(value, list) else None, link)
                    child_use = climbed or _Use(place, wrapped=False, dict_key=False)
                    children.append((child, place, child_use, child_scopes))
        stack.extend(reversed(children))


def _use_under(parent: ast.AST, field: str, use: _Use, callees: _Callees) -> _Use | None:
    """Where the value of a child in `parent.field` goes, given `use`, where the parent's goes.

    None when the parent itself uses it (the child's own place is then its use).
    """
    wrapper = _is_wrapper(parent, field, callees)
    if not wrapper and not _is_transparent(parent, field):
        return None
    key = (isinstance(parent, ast.Dict) and field == "keys") or (
        isinstance(parent, ast.DictComp) and field == "key"
    )
    return _Use(use.user, use.wrapped or wrapper, use.dict_key or key)


# -- templates: strings the notebook formats later ---------------------------------------
def _handle(expression: ast.AST | None) -> str | None:
    """The name a value is reached by: `t`, `self.t`, `t[0]`, `t.get(k)`, `make_t()` -> t / make_t."""
    if isinstance(expression, ast.Name):
        return expression.id
    if isinstance(expression, ast.Attribute):
        return expression.attr
    if isinstance(expression, (ast.Subscript, ast.Starred)):
        return _handle(expression.value)
    if isinstance(expression, ast.Call):
        func = expression.func
        if isinstance(func, ast.Attribute) and func.attr in _PASS_THROUGH_METHODS:
            return _handle(func.value)
        return _handle(func)
    return None


@dataclass(frozen=True)
class _Chain:
    """What the rule asks of a callee's dotted chain, whose segments are (lower case)
    `logging.getLogger(x).info` -> logging, getlogger, info."""

    last: str | None  # the last segment (None: no segment at all)
    template: bool  # some segment is, or holds a word that says, template, pattern or logging
    log: bool  # some segment holds "log"
    log_before_last: bool  # some segment before the last holds "log"

    def then(self, segment: str) -> _Chain:
        """This chain followed by one more segment."""
        template = segment in _TEMPLATE_SEGMENTS or any(word in segment for word in _TEMPLATE_WORDS)
        return _Chain(segment, self.template or template, self.log or "log" in segment, self.log)


_NO_CHAIN = _Chain(None, template=False, log=False, log_before_last=False)


class _Callees:
    """The chains of callees, each node's worked out once per check.

    In `a.f(x).g(y).h(z)` each call's callee ends in the call before it:
    reading every callee's chain from its start was quadratic in the length
    of such a chain. The table is keyed by node identity, so it must not
    outlive the syntax trees of the check it serves.
    """

    def __init__(self) -> None:
        self._chains: dict[int, _Chain] = {}

    def chain(self, func: ast.AST) -> _Chain:
        pending = []
        node = func
        while id(node) not in self._chains and isinstance(node, (ast.Call, ast.Attribute)):
            pending.append(node)
            node = node.func if isinstance(node, ast.Call) else node.value
        chain = self._chains.get(id(node))
        if chain is None:
            chain = _NO_CHAIN.then(node.id.lower()) if isinstance(node, ast.Name) else _NO_CHAIN
            self._chains[id(node)] = chain
        for node in reversed(pending):
            if isinstance(node, ast.Attribute):
                chain = chain.then(node.attr.lower())
            self._chains[id(node)] = chain
        return chain

    def is_template(self, func: ast.AST) -> bool:
        """A callee whose string arguments are templates, patterns or log messages."""
        chain = self.chain(func)
        if chain.last is None:
            return False
        if chain.template or (chain.last in _LOG_METHODS and chain.log_before_last):
            return True
        return isinstance(func, ast.Attribute) and chain.last in _SEARCH_METHODS


def _is_template_keyword(name: str | None) -> bool:
    return name is not None and any(word in name.lower() for word in _TEMPLATE_KEYWORD_WORDS)


def _is_template_name(name: str) -> bool:
    """`PROMPT_TEMPLATE`, `row_fmt`, `date_format`: a name that says it holds a template."""
    return any(word in name.lower() for word in _TEMPLATE_WORDS)


def _contained(expression: ast.AST) -> Iterator[ast.AST]:
    """The expression and, inside list/tuple/set/dict displays, every element (recursively)."""
    yield expression
    if isinstance(expression, (ast.List, ast.Tuple, ast.Set)):
        for element in expression.elts:
            yield from _contained(element)
    elif isinstance(expression, ast.Dict):
        for value in expression.values:
            yield from _contained(value)


# The node types `Templates._collect` reads (every other node adds nothing).
_COLLECTED = (
    ast.Call,
    ast.BinOp,
    ast.Assign,
    ast.AnnAssign,
    ast.AugAssign,
    ast.NamedExpr,
    ast.For,
    ast.AsyncFor,
    ast.comprehension,
    *_FUNCTIONS,
)


@dataclass(frozen=True)
class Templates:
    """Names the notebook uses as templates, and its functions that take a template argument."""

    names: frozenset[str]

    @classmethod
    def of(cls, notebook: Notebook, callees: _Callees) -> Templates:
        """The templates of the whole notebook: its cells and the statements outside them.

        Only the kinds of node `_collect` looks at are visited, from the
        cells' shared node indexes by type: what it gathers is followed to a
        fixed point (`_spread`), so the order they come in does not matter.
        """
        used: set[str] = set()
        # a -> b: if `a` is a template, so is what `b` names (`a = b`, `for a in b`).
        flows: list[tuple[str, str]] = []
        functions: list[tuple[str, frozenset[str]]] = []
        calls: list[tuple[str, list[str]]] = []
        cell_nodes = (node for cell in notebook.cells for kind in _COLLECTED for node in cell.nodes.of(kind))
        stray_nodes = (node for node in walk(notebook.stray_statements) if isinstance(node, _COLLECTED))
        for node in chain(cell_nodes, stray_nodes):
            cls._collect(node, used, flows, functions, calls, callees)
        return cls(_spread(used, flows, functions, calls))

    @staticmethod
    def _collect(
        node: ast.AST,
        used: set[str],
        flows: list[tuple[str, str]],
        functions: list[tuple[str, frozenset[str]]],
        calls: list[tuple[str, list[str]]],
        callees: _Callees,
    ) -> None:
        def add(target: ast.AST) -> None:
            handle = _handle(target)
            if handle:
                used.add(handle)

        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Attribute) and (
                func.attr in _TEMPLATE_METHODS or (func.attr == "replace" and _replaces_a_field(node))
            ):
                add(func.value)
            arguments = [*node.args, *(keyword.value for keyword in node.keywords)]
            if callees.is_template(func):
                for argument in arguments:
                    for element in _contained(argument):
                        add(element)
            for keyword in node.keywords:
                if _is_template_keyword(keyword.arg):
                    for element in _contained(keyword.value):
                        add(element)
            handle = _handle(func)
            if handle:
                calls.append((handle, [h for h in map(_handle, arguments) if h]))
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
            add(node.left)
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign, ast.NamedExpr)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            source = _handle(node.value)
            if source:
                for target in targets:
                    for name in _target_handles(target):
                        flows.append((name, source))
        elif isinstance(node, (ast.For, ast.AsyncFor, ast.comprehension)):
            source = _handle(node.iter)
            if source:
                flows.extend((name, source) for name in _target_handles(node.target))
        elif isinstance(node, _FUNCTIONS):
            functions.append((node.name, _parameters(node.args)))


def _spread(
    used: set[str],
    flows: list[tuple[str, str]],
    functions: list[tuple[str, frozenset[str]]],
    calls: list[tuple[str, list[str]]],
) -> frozenset[str]:
    """`used` and every name a template reaches from there: through `flows` (a -> b: if `a`
    is a template, so is `b`), to a function through its parameters, from a function to the
    arguments of its calls.

    Each name is followed once. Recomputing everything until nothing changed
    took a pass per link of a chain (`t2 = t1`, `t3 = t2`, ...): quadratic.
    """
    sources: dict[str, list[str]] = {}
    for target, source in flows:
        sources.setdefault(target, []).append(source)
    takers: dict[str, list[str]] = {}  # parameter -> the functions that take it
    for name, parameters in functions:
        for parameter in parameters:
            takers.setdefault(parameter, []).append(name)
    arguments: dict[str, list[str]] = {}  # function -> what its calls pass
    for func, args in calls:
        arguments.setdefault(func, []).extend(args)
    reached = set(used)
    pending = list(used)
    while pending:
        name = pending.pop()
        for reached_name in chain(sources.get(name, ()), takers.get(name, ()), arguments.get(name, ())):
            if reached_name not in reached:
                reached.add(reached_name)
                pending.append(reached_name)
    return frozenset(reached)


def _replaces_a_field(call: ast.Call) -> bool:
    """`text.replace("{name}", ...)`: a hand-made template, unlike `label.replace("_", " ")`."""
    first = call.args[0] if call.args else None
    return isinstance(first, ast.Constant) and isinstance(first.value, str) and "{" in first.value


def _target_handles(target: ast.AST) -> list[str]:
    if isinstance(target, (ast.Tuple, ast.List)):
        return [name for element in target.elts for name in _target_handles(element)]
    handle = _handle(target)
    return [handle] if handle else []


def _is_transparent(parent: ast.AST, field: str) -> bool:
    """A parent through which a string's value flows on unchanged."""
    if isinstance(parent, (ast.List, ast.Tuple, ast.Set, ast.Dict, ast.IfExp, ast.BoolOp, ast.Starred)):
        return field != "test"
    if isinstance(parent, _COMPREHENSIONS):
        return field in ("elt", "key", "value")
    return isinstance(parent, ast.BinOp) and isinstance(parent.op, ast.Add)


def _is_wrapper(parent: ast.AST, field: str, callees: _Callees) -> bool:
    """`mo.md(s)`, `mo.Html(s)`: the string becomes an element that `.batch` may use as a template."""
    if not (isinstance(parent, ast.Call) and field == "args"):
        return False
    return callees.chain(parent.func).last in ("md", "html")


def is_template_use(found: _Found, templates: Templates, cell: Cell, callees: _Callees) -> bool:
    """True when the string is (or may become) a template, a pattern or a docstring, not text to show."""
    use = found.use
    if use.dict_key:
        return True
    if use.user is None:
        return False
    parent, field, index = use.user.parent, use.user.field, use.user.index
    enclosing = use.user.up
    if isinstance(parent, ast.Expr):
        return not use.wrapped and not _is_displayed(cell, parent, top_level=enclosing is None)
    if isinstance(parent, ast.Attribute):
        return parent.attr == "batch" if use.wrapped else parent.attr not in _PLAIN_METHODS
    if isinstance(parent, ast.Call):
        return callees.is_template(parent.func) or _handle(parent.func) in templates.names
    if isinstance(parent, ast.keyword):
        call = enclosing.parent  # type: ignore[union-attr]
        return (
            _is_template_keyword(parent.arg)
            or parent.arg in templates.names
            or callees.is_template(call.func)  # type: ignore[attr-defined]
            or _handle(call.func) in templates.names  # type: ignore[attr-defined]
        )
    if isinstance(
        parent, (ast.Compare, ast.Subscript, ast.BinOp, ast.arg, ast.JoinedStr, ast.FormattedValue)
    ):
        return True
    if isinstance(parent, (*_FUNCTIONS, ast.AnnAssign)) and field in ("returns", "annotation"):
        return True
    handles = _assigned_handles(parent, field, index, enclosing)
    return handles is None or any(name in templates.names or _is_template_name(name) for name in handles)


def _is_displayed(cell: Cell, statement: ast.Expr, *, top_level: bool) -> bool:
    """A bare string statement matters only as a cell's last expression, which marimo shows.

    Anywhere else it is a docstring or a no-op; a cell's first statement is
    the cell function's docstring as far as Python is concerned.
    """
    return top_level and cell.kind is CellKind.CELL and len(cell.body) >= 2 and cell.body[-1] is statement


def _assigned_handles(
    parent: ast.AST, field: str, index: int | None, enclosing: _Link | None
) -> set[str] | None:
    """The names a string is stored under; None when it is used in a way the rule does not judge."""
    if isinstance(parent, ast.Assign):
        return {name for target in parent.targets for name in _target_handles(target)}
    if isinstance(parent, (ast.AnnAssign, ast.AugAssign, ast.NamedExpr)):
        return set(_target_handles(parent.target))
    if isinstance(parent, ast.Return):
        while enclosing is not None and not isinstance(enclosing.parent, _FUNCTIONS):
            enclosing = enclosing.up
        return {enclosing.parent.name} if enclosing is not None else set()  # type: ignore[attr-defined]
    if isinstance(parent, ast.arguments) and index is not None:
        if field == "defaults":
            positional = [*parent.posonlyargs, *parent.args]
            return {positional[len(positional) - len(parent.defaults) + index].arg}
        if field == "kw_defaults":
            return {parent.kwonlyargs[index].arg}
    if isinstance(parent, (ast.Assert, ast.Raise, ast.If, ast.While, ast.With, ast.withitem, ast.For)):
        return set()
    return None


# -- the rule ---------------------------------------------------------------------------
@dataclass(frozen=True)
class _Part:
    token: str
    start: int  # byte offsets in the file
    end: int


def literal_parts(notebook: Notebook, node: ast.AST) -> list[_Part] | None:
    """The string tokens an `ast` string expression is made of (implicit concatenation)."""
    span = notebook.index.node_span(node)
    snippet = notebook.index.data[span.start : span.end].decode("utf-8")
    text = "(" + snippet + ")"
    line_starts = [0]
    for line in io.StringIO(text, newline=""):
        line_starts.append(line_starts[-1] + len(line))
    parts = []
    # Byte offsets are counted on from the previous token: counting from the
    # start each time was quadratic in a concatenation of many literals.
    counted, counted_bytes = 0, 0  # characters of `snippet` counted so far, and their bytes
    try:
        for token in tokenize.generate_tokens(io.StringIO(text, newline="").readline):
            if token.type != tokenize.STRING:
                continue
            offset = line_starts[token.start[0] - 1] + token.start[1] - 1
            if snippet[offset : offset + len(token.string)] != token.string:
                return None
            counted_bytes += len(snippet[counted:offset].encode("utf-8"))
            counted = offset
            start = span.start + counted_bytes
            parts.append(_Part(token.string, start, start + len(token.string.encode("utf-8"))))
    except (tokenize.TokenError, SyntaxError):
        return None
    return parts


def _has_no_fields(body: str, *, raw: bool) -> bool:
    """A token that leaves its braces alone: none, `\\N{...}` escapes, or only doubled `{{`/`}}`.

    In an implicit concatenation such a part keeps its prefix, whatever the
    other parts get (its text would change with an `f`).
    """
    return field_spans(body.replace("{{", "").replace("}}", ""), raw=raw) == []


@register
class MissingFPrefix(Rule):
    """
    ## What it does
    Finds a plain string literal whose `{...}` fields name variables in
    scope, such as `print("Loss: {loss:.3f}")` or `mo.md("Hello {name}")`:
    the author meant an f-string.

    ## Why is this bad?
    Without the `f` prefix Python keeps the braces as text, so the notebook
    shows `Loss: {loss:.3f}` instead of the value, and nothing fails to warn
    you. The rule stays quiet where braces have another meaning: strings used
    with `.format`/`.format_map`/`%`/`string.Template`/`mo.md(...).batch`
    (also when assigned to a name formatted later), logging and `re` calls,
    docstrings, bytes, JSON, LaTeX (`\\frac{a}{b}`, and any field inside `$...$`
    or `$$...$$` math such as the subscript `$x_{lim}$`), CSS, shell or JS
    templates, `{}` and `{0}`, and fields naming nothing the notebook binds.

    ## Example
    ```python
    loss = 0.1234
    print("Loss: {loss:.3f}")
    ```
    Use instead:
    ```python
    loss = 0.1234
    print(f"Loss: {loss:.3f}")
    ```

    ## Fix safety
    Safe: every brace of a reported string is a field that reads a bound
    name, so the prefix only turns the placeholders into the values meant.
    Raw strings become `rf"..."`, `u"..."` becomes `f"..."`, and in an
    implicit concatenation only the parts with fields get the prefix. No fix
    when libcst cannot rewrite the cell, when reading a name would make cells
    depend on each other in a cycle, when a field reads a name that several
    cells define (which one would it show? NB004 settles that first), or,
    before Python 3.12, when the string has so many fields that Python would
    take seconds to compile it.

    ## Precision
    2026-12-03: no hit on the 1,080 ecosystem notebooks, so no figure on
    real notebooks; the corpus and its look-alikes carry it (see
    docs/precision/NB007.md).
    """

    code = "NB007"
    name = "missing-f-prefix"
    severity = Severity.ERROR
    fix_availability = sometimes(Applicability.SAFE)
    valid = (
        Example('name = "Ada"\n# ---\ntemplate = "Hello {name}"\nprint(template.format(name="Bob"))'),
        Example('payload = \'{"name": 1}\'\nprint("{}".format(len(payload)))'),
        Example('import re\nlimit = 3\nre.compile(r"\\d{limit}")'),
        Example('print("Hello {nobody}")'),
        Example('name = "Ada"\nprint(f"Hello {name}")'),
    )
    invalid = (
        Example(
            'loss = 0.1234\n# ---\nprint("Loss: {loss:.3f}")',
            'loss = 0.1234\n# ---\nprint(f"Loss: {loss:.3f}")',
        ),
        Example(
            'name = "Ada"\nlabel = (f"{name} " "has {len(name)} letters " "{{literal}}")',
            'name = "Ada"\nlabel = (f"{name} " f"has {len(name)} letters " "{{literal}}")',
        ),
    )

    def check(self, notebook: Notebook) -> Iterator[Diagnostic]:
        templates: Templates | None = None
        levels: dict[int, int] | None = None  # `dependency_levels`, once a string reads another cell
        callees = _Callees()
        notebook_names = frozenset(notebook.definers) | notebook.toplevel_names
        for cell in notebook.cells:
            if cell.kind is CellKind.UNPARSABLE:
                continue
            if not _has_braced_string(notebook, cell):
                continue
            outer = (
                _Scope(lambda: notebook_names, is_class=False),
                _Scope(lambda cell=cell: _bindings(cell.body), is_class=False),
            )
            statements = [s for s in cell.body if _may_hold_braces(notebook, s)]
            for found in find_strings(statements, outer, callees):
                parts = self._reported_parts(notebook, found)
                if not parts:
                    continue
                templates = templates or Templates.of(notebook, callees)
                if is_template_use(found, templates, cell, callees):
                    continue
                names = {name for _, fields in parts for field in fields for name in field.names}
                outside = {name for name in names if not found.binds_locally(name)}
                blocker = None
                twice = sorted(name for name in outside if len(notebook.definers.get(name, ())) > 1)
                if twice:
                    # Which definition would it read? NB004's fix (making it private) decides.
                    blocker = f"`{twice[0]}` is defined in several cells"
                elif outside:
                    levels = levels if levels is not None else dependency_levels(notebook)
                    cyclic = _cycle_name(notebook, cell, outside, levels)
                    blocker = cyclic and f"reading `{cyclic}` here makes a cycle"
                yield self._diagnostic(notebook, cell, parts, blocker)

    @staticmethod
    def _reported_parts(notebook: Notebook, found: _Found) -> list[tuple[_Part, tuple[Field, ...]]]:
        """The tokens to prefix with their fields; empty if any braced token does not qualify."""
        parts = literal_parts(notebook, found.node)
        if parts is None:
            return []
        reported = []
        for part in parts:
            prefix, _, body = split_literal(part.token)
            lowered = prefix.lower()
            if "f" in lowered or "b" in lowered or _has_no_fields(body, raw="r" in lowered):
                continue
            fields = missing_fields(part.token, found.sees)
            if fields is None:
                return []
            reported.append((part, fields))
        return reported

    def _diagnostic(
        self,
        notebook: Notebook,
        cell: Cell,
        parts: list[tuple[_Part, tuple[Field, ...]]],
        blocker: str | None,
    ) -> Diagnostic:
        fields = [field.text for _, part_fields in parts for field in part_fields]
        noun = "field" if len(fields) == 1 else "fields"
        message = f"String has {_listed(fields)} {noun} but no `f` prefix"
        span = notebook.index.span(parts[0][0].start, parts[-1][0].end)
        if blocker is not None:
            message += f" (no automatic fix: {blocker})"
            return self.diagnostic(message, span)
        if any(_compiles_slowly(part.token, len(part_fields)) for part, part_fields in parts):
            message += " (no automatic fix: Python before 3.12 compiles it slowly)"
            return self.diagnostic(message, span)
        first_line = cell.span.start_pos.line
        positions = []
        for part, _ in parts:
            position = notebook.index.position(part.start)
            positions.append((position.line - first_line + 1, position.column - 1))
        codemod = partial(add_f_prefix, positions=tuple(positions))
        fix = Fix(
            Applicability.SAFE,
            "Add the `f` prefix",
            lambda: rewrite_cell(notebook, cell, codemod),
        )
        return self.diagnostic(message, span, fix)


def _listed(fields: list[str]) -> str:
    """The distinct fields, as many as fit in 56 characters: "`{a}`, `{b}` and 3 more".

    With the rest of the message, that keeps it within 100 characters.
    """
    distinct = [field if len(field) <= 30 else field[:28] + "…}" for field in dict.fromkeys(fields)]
    return code_list(distinct, limit=len(distinct), width=56)


def _compiles_slowly(token: str, fields: int) -> bool:
    """Whether Python would take more than about a twentieth of a second to compile `token` as an f-string.

    Before 3.12, CPython finds each field's position by scanning the literal
    from its start, so compiling an f-string costs its fields times its
    length: 64,000 fields in 256 KB took 4 seconds, 250,000 fields a minute.
    The fix would make every later parse of the file pay that (nbfix's own
    validation parses it several times), so such a string is reported but
    not fixed.
    """
    return sys.version_info < (3, 12) and fields * len(token) > 100_000_000


def _cycle_name(notebook: Notebook, cell: Cell, names: set[str], levels: dict[int, int]) -> str | None:
    """A name the fix would make `cell` read from a cell that already depends on `cell`, if any.

    marimo refuses a notebook whose cells depend on each other in a cycle, so
    such a string gets no fix (the engine would drop it anyway, after paying
    for marimo's loader to find out). `levels` is `dependency_levels(notebook)`.
    """
    for name in sorted(names):
        for definer in notebook.definers.get(name, ()):
            if definer is not cell and _depends_on(notebook, definer, cell, levels):
                return name
    return None


def _depends_on(notebook: Notebook, start: Cell, target: Cell, levels: dict[int, int]) -> bool:
    """Whether `start` reads, directly or through other cells, a name that `target` defines.

    The search climbs from `start` through the cells it reads, and skips
    those placed before `target` (`levels`): no path from `target` passes
    through them. Without that, 5,000 cells that each read the one before
    and show its value in a string made a quadratic check: every string's
    search climbed all the way to the first cell.
    """
    floor = levels[target.index]
    seen = {start.index}
    stack = [start] if levels[start.index] >= floor else []
    while stack:
        current = stack.pop()
        for ref in current.refs:
            for definer in notebook.definers.get(ref, ()):
                if definer is target:
                    return True
                if definer.index not in seen and levels[definer.index] >= floor:
                    seen.add(definer.index)
                    stack.append(definer)
    return False
