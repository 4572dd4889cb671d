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
  `${...}`/`%{...}`/`#{...}` templates, and no field inside a Markdown code
  span or fence.

Implicit concatenations are checked token by token: the tokens with fields
get the prefix, the others keep theirs. A field written `{x=}` (self
documenting) is not recognised and never reported.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property, partial
from itertools import chain

from codemods import Declined
from codemods.add_f_prefix import add_f_prefix, f_prefixed, field_spans, split_literal
from fixer.diagnostics import Applicability, Diagnostic, Fix, Severity
from fixer.nodes import walk
from fixer.notebook import BUILTINS, Cell, CellKind, Notebook
from fixer.rewrite import rewrite_cell
from fixer.rules import Example, Rule, register, sometimes
from fixer.source import Span

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
_PERCENT_PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[-#0 +]*(?:\d+|\*)?(?:\.\d+)?[sdifrxXeEgGcouaF]")
_BACKSLASH_COMMAND = re.compile(r"\\[A-Za-z]")
_FORBIDDEN_IN_FIELD = (
    ast.Lambda, ast.NamedExpr, ast.Await, ast.Yield, ast.YieldFrom, ast.Starred,
    ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp, ast.Dict, ast.Set, ast.JoinedStr,
)  # fmt: skip

Path = tuple[tuple[ast.AST, str, int | None], ...]


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
    if not spans or any(_looks_like_markup(body, span) for span in spans):
        return None
    text = _text_around_fields(prefix, quote, body, spans)
    if text is None or _PERCENT_PLACEHOLDER.search(text) or _BACKSLASH_COMMAND.search(text):
        return None
    try:
        joined = ast.parse(f_prefixed(token), mode="eval").body
    except Declined:
        return None
    assert isinstance(joined, ast.JoinedStr)
    fields = [node for node in joined.values if isinstance(node, ast.FormattedValue)]
    # Same fields, same text around them: rules out `{x=}` and escapes that would change meaning.
    constants = "".join(node.value for node in joined.values if isinstance(node, ast.Constant))
    if len(fields) != len(spans) or constants != text:
        return None
    if not all(_is_real_field(field, is_bound) for field in fields):
        return None
    return tuple(
        Field(body[start:end], frozenset(n.id for n in ast.walk(field) if isinstance(n, ast.Name)))
        for (start, end), field in zip(spans, fields, strict=True)
    )


def _looks_like_markup(body: str, span: tuple[int, int]) -> bool:
    """A brace of a shell/JS/Ruby template or LaTeX, a padded `{ name }` (a JS object, a
    template language), or a field inside a Markdown code span or fence."""
    start, end = span
    before = body[start - 1] if start else ""
    inner = body[start + 1 : end - 1]
    return (
        before in ("$", "%", "#", "^", "\\") or inner != inner.strip() or body.count("`", 0, start) % 2 == 1
    )


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
class _Found:
    """A string expression of a cell: where it is and which names it can see."""

    node: ast.Constant | ast.JoinedStr
    path: Path  # ancestors, outermost first, each with the field (and index) leading down
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


def find_strings(statements: Iterable[ast.stmt], outer: tuple[_Scope, ...]) -> Iterator[_Found]:
    """Every outermost string expression with braces, with its ancestors and visible scopes."""

    def visit(node: ast.AST, path: Path, scopes: tuple[_Scope, ...]) -> Iterator[_Found]:
        if isinstance(node, ast.Constant):
            if isinstance(node.value, str) and "{" in node.value:
                yield _Found(node, path, scopes)
            return
        if isinstance(node, ast.JoinedStr):
            if any(isinstance(part, ast.Constant) and "{" in part.value for part in node.values):
                yield _Found(node, path, scopes)
            return
        inner = None
        for field, value in ast.iter_fields(node):
            children = value if isinstance(value, list) else [value]
            child_scopes = scopes
            if _opens_scope(node, field):
                inner = inner or _inner_scope(node)
                child_scopes = (*scopes, inner)
            for index, child in enumerate(children):
                if isinstance(child, ast.AST):
                    key = index if isinstance(value, list) else None
                    yield from visit(child, (*path, (node, field, key)), child_scopes)

    for statement in statements:
        yield from visit(statement, (), outer)


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


def _segments(func: ast.AST) -> list[str]:
    """`logging.getLogger(x).info` -> ["logging", "getlogger", "info"] (lower case)."""
    segments: list[str] = []
    while True:
        if isinstance(func, ast.Call):
            func = func.func
        elif isinstance(func, ast.Attribute):
            segments.append(func.attr.lower())
            func = func.value
        elif isinstance(func, ast.Name):
            segments.append(func.id.lower())
            break
        else:
            break
    return segments[::-1]


def _is_template_callee(func: ast.AST) -> bool:
    """A callee whose string arguments are templates, patterns or log messages."""
    segments = _segments(func)
    if not segments:
        return False
    if any(segment in _TEMPLATE_SEGMENTS for segment in segments):
        return True
    if any(word in segment for segment in segments for word in _TEMPLATE_WORDS):
        return True
    last = segments[-1]
    if last in _LOG_METHODS and any("log" in segment for segment in segments[:-1]):
        return True
    return isinstance(func, ast.Attribute) and last in _SEARCH_METHODS


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


@dataclass(frozen=True)
class Templates:
    """Names the notebook uses as templates, and its functions that take a template argument."""

    names: frozenset[str]

    @classmethod
    def of(cls, notebook: Notebook) -> Templates:
        """The templates of the whole notebook: its cells and the statements outside them.

        The cells' shared node indexes hold the nodes a walk would give, in
        the same order, less the operator and context markers `_collect`
        never looks at.
        """
        used: set[str] = set()
        # a -> b: if `a` is a template, so is what `b` names (`a = b`, `for a in b`).
        flows: list[tuple[str, str]] = []
        functions: list[tuple[str, frozenset[str]]] = []
        calls: list[tuple[str, list[str]]] = []
        cell_nodes = (node for cell in notebook.cells for node in cell.nodes.nodes)
        for node in chain(cell_nodes, walk(notebook.stray_statements)):
            cls._collect(node, used, flows, functions, calls)
        changed = True
        while changed:
            size = len(used)
            used |= {source for target, source in flows if target in used}
            used |= {name for name, parameters in functions if parameters & used}
            used |= {arg for func, args in calls if func in used for arg in args}
            changed = len(used) != size
        return cls(frozenset(used))

    @staticmethod
    def _collect(
        node: ast.AST,
        used: set[str],
        flows: list[tuple[str, str]],
        functions: list[tuple[str, frozenset[str]]],
        calls: list[tuple[str, list[str]]],
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
            if _is_template_callee(func):
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


def _is_wrapper(parent: ast.AST, field: str) -> bool:
    """`mo.md(s)`, `mo.Html(s)`: the string becomes an element that `.batch` may use as a template."""
    if not (isinstance(parent, ast.Call) and field == "args"):
        return False
    segments = _segments(parent.func)
    return bool(segments) and segments[-1] in ("md", "html")


def is_template_use(found: _Found, templates: Templates, cell: Cell) -> bool:
    """True when the string is (or may become) a template, a pattern or a docstring, not text to show."""
    path = found.path
    depth = len(path)
    wrapped = False
    # Climb through containers and wrappers to the first parent that uses the value.
    while depth:
        parent, field, _ = path[depth - 1]
        if _is_wrapper(parent, field):
            wrapped = True
        elif not _is_transparent(parent, field):
            break
        if (isinstance(parent, ast.Dict) and field == "keys") or (
            isinstance(parent, ast.DictComp) and field == "key"
        ):
            return True
        depth -= 1
    if not depth:
        return False
    parent, field, index = path[depth - 1]
    enclosing = path[: depth - 1]
    if isinstance(parent, ast.Expr):
        return not wrapped and not _is_displayed(cell, parent, depth)
    if isinstance(parent, ast.Attribute):
        return parent.attr == "batch" if wrapped else parent.attr not in _PLAIN_METHODS
    if isinstance(parent, ast.Call):
        return _is_template_callee(parent.func) or _handle(parent.func) in templates.names
    if isinstance(parent, ast.keyword):
        call = enclosing[-1][0]
        return (
            _is_template_keyword(parent.arg)
            or parent.arg in templates.names
            or _is_template_callee(call.func)  # type: ignore[attr-defined]
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


def _is_displayed(cell: Cell, statement: ast.Expr, depth: int) -> bool:
    """A bare string statement matters only as a cell's last expression, which marimo shows.

    Anywhere else it is a docstring or a no-op; a cell's first statement is
    the cell function's docstring as far as Python is concerned.
    """
    return depth == 1 and cell.kind is CellKind.CELL and len(cell.body) >= 2 and cell.body[-1] is statement


def _assigned_handles(parent: ast.AST, field: str, index: int | None, enclosing: Path) -> set[str] | None:
    """The names a string is stored under; None when it is used in a way the rule does not judge."""
    if isinstance(parent, ast.Assign):
        return {name for target in parent.targets for name in _target_handles(target)}
    if isinstance(parent, (ast.AnnAssign, ast.AugAssign, ast.NamedExpr)):
        return set(_target_handles(parent.target))
    if isinstance(parent, ast.Return):
        function = next((node for node, _, _ in reversed(enclosing) if isinstance(node, _FUNCTIONS)), None)
        return {function.name} if function is not None else set()
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
    try:
        for token in tokenize.generate_tokens(io.StringIO(text, newline="").readline):
            if token.type != tokenize.STRING:
                continue
            offset = line_starts[token.start[0] - 1] + token.start[1] - 1
            if snippet[offset : offset + len(token.string)] != token.string:
                return None
            start = span.start + len(snippet[:offset].encode("utf-8"))
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
    docstrings, bytes, JSON, LaTeX, CSS, shell or JS templates, `{}` and
    `{0}`, and fields naming nothing the notebook binds.

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
    when libcst cannot rewrite the cell.
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
            for found in find_strings(cell.body, outer):
                parts = self._reported_parts(notebook, found)
                if not parts:
                    continue
                templates = templates or Templates.of(notebook)
                if is_template_use(found, templates, cell):
                    continue
                names = {name for _, fields in parts for field in fields for name in field.names}
                cyclic = _cycle_name(notebook, cell, {n for n in names if not found.binds_locally(n)})
                yield self._diagnostic(notebook, cell, parts, cyclic)

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
        cyclic: str | None,
    ) -> Diagnostic:
        fields = [field.text for _, part_fields in parts for field in part_fields]
        listed = ", ".join(f"`{field}`" for field in dict.fromkeys(fields))
        noun = "field" if len(fields) == 1 else "fields"
        message = f"String has {listed} {noun} but no `f` prefix: it prints the braces, not the value"
        if cyclic is not None:
            message += (
                f" (no automatic fix: the cell defining `{cyclic}` depends on this one,"
                " so reading it here would make a cycle)"
            )
            return self.diagnostic(message, notebook.index.span(parts[0][0].start, parts[-1][0].end))
        first_line = cell.span.start_pos.line
        positions = []
        for part, _ in parts:
            position = notebook.index.position(part.start)
            positions.append((position.line - first_line + 1, position.column - 1))
        span: Span = notebook.index.span(parts[0][0].start, parts[-1][0].end)
        codemod = partial(add_f_prefix, positions=tuple(positions))
        fix = Fix(
            Applicability.SAFE,
            "Add the `f` prefix",
            lambda: rewrite_cell(notebook, cell, codemod),
        )
        return self.diagnostic(message, span, fix)


def _cycle_name(notebook: Notebook, cell: Cell, names: set[str]) -> str | None:
    """A name the fix would make `cell` read from a cell that already depends on `cell`, if any.

    marimo refuses a notebook whose cells depend on each other in a cycle, so
    such a string gets no fix (the engine would drop it anyway, after paying
    for marimo's loader to find out).
    """
    for name in sorted(names):
        for definer in notebook.definers.get(name, ()):
            if definer is not cell and _depends_on(notebook, definer, cell):
                return name
    return None


def _depends_on(notebook: Notebook, start: Cell, target: Cell) -> bool:
    """Whether `start` reads, directly or through other cells, a name that `target` defines."""
    seen = {start.index}
    stack = [start]
    while stack:
        current = stack.pop()
        for ref in current.refs:
            for definer in notebook.definers.get(ref, ()):
                if definer is target:
                    return True
                if definer.index not in seen:
                    seen.add(definer.index)
                    stack.append(definer)
    return False
