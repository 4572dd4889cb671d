"""The `nbfix` command line.

`nbfix [PATH...]` checks (the default command, so `nbfix notebook.py` works
as users of Ruff expect); `nbfix rules` lists the rules, `nbfix rule NB001`
prints one rule's documentation, `nbfix lsp` runs the language server.

Exit codes: 0 nothing left to report, 1 diagnostics remain (with --diff: a
non-empty diff; with --exit-non-zero-on-fix: anything was fixed), 2 usage,
configuration, I/O or parse errors (the other files are still processed).
"""

from __future__ import annotations

import dataclasses
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.text import Text

from nbfix import __version__
from nbfix.batch import default_jobs, run_batch
from nbfix.cache import Cache
from nbfix.config import Config, ConfigError, find_config_file, load_config
from nbfix.deep_stack import call_with_deep_stack
from nbfix.discovery import discover
from nbfix.files import Target, source_from_bytes
from nbfix.output import diff as diff_output
from nbfix.output import github, json_format, junit, sarif, text
from nbfix.report import FileReport
from nbfix.rules import UnknownCode, all_rules
from nbfix.runner import Mode, Settings, analyze_source
from nbfix.selection import Selection
from nbfix.source import SourceError, encode

EXIT_CLEAN, EXIT_FOUND, EXIT_ERROR = 0, 1, 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report Ctrl-C
FORMATS = ["full", "concise", "text", "json", "json-lines", "github", "sarif", "junit"]
PROGRESS_THRESHOLD = 8  # files; fewer finish before a bar would be readable
# Output formats that print each fix's edits: a check builds its fixes only for these.
EDIT_FORMATS = frozenset({"json", "json-lines"})


class _DefaultToCheck(click.Group):
    """A group whose unknown first argument is a path for the `check` command."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h", "--version")):
            if args and _looks_like_a_command(args[0]):
                commands = ", ".join(sorted(self.commands))
                raise click.UsageError(f"no such command or file: {args[0]} (commands: {commands})", ctx)
            args = ["check", *args]
        return super().parse_args(ctx, args)


def _looks_like_a_command(argument: str) -> bool:
    """A bare word that names no file (`nbfix clean`): a mistyped command, not a path to check."""
    return re.fullmatch(r"[a-z][a-z-]*", argument) is not None and not Path(argument).exists()


@click.group(cls=_DefaultToCheck, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="nbfix")
def main() -> None:
    """Find and fix the anti-patterns of marimo notebooks."""


def _split_codes(values: tuple[str, ...]) -> list[str]:
    return [code.strip().upper() for value in values for code in value.split(",") if code.strip()]


def _split(values: tuple[str, ...]) -> list[str]:
    return [item.strip() for value in values for item in value.split(",") if item.strip()]


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--diff", "show_diff", is_flag=True, help="Show the fixes as a unified diff; write nothing.")
@click.option("--write", "--fix", "write", is_flag=True, help="Apply the fixes in place.")
@click.option("--unsafe-fixes", is_flag=True, default=None, help="Also apply fixes marked unsafe.")
@click.option("--select", multiple=True, help="Rule codes or prefixes to enable (replaces the config's).")
@click.option("--extend-select", multiple=True, help="Rule codes or prefixes to enable in addition.")
@click.option("--ignore", multiple=True, help="Rule codes or prefixes to disable.")
@click.option("--exclude", multiple=True, help="Gitignore-style patterns to skip (replaces the config's).")
@click.option("--extend-exclude", multiple=True, help="Gitignore-style patterns to skip in addition.")
@click.option(
    "--config", "config_path", type=click.Path(dir_okay=False), help="Use this nbfix.toml/pyproject.toml."
)
@click.option("--output-format", type=click.Choice(FORMATS), default="full", show_default=True)
@click.option("--statistics", is_flag=True, help="Show counts per rule instead of each diagnostic.")
@click.option("--show-fixes", is_flag=True, help="List what was fixed, per file.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when diagnostics remain.")
@click.option("--exit-non-zero-on-fix", is_flag=True, help="Exit 1 when anything was fixed.")
@click.option(
    "-j", "--jobs", type=click.IntRange(min=1), default=None, help="Worker processes [default: CPUs]."
)
@click.option("--no-cache", is_flag=True, help="Neither read nor write .nbfix_cache/.")
@click.option("-q", "--quiet", is_flag=True, help="Print diagnostics only: no summary, no progress bar.")
@click.option("--stdin-filename", help="With PATH `-`: the name of the notebook read from standard input.")
@click.option(
    "--skip-non-notebooks",
    is_flag=True,
    help="Skip .py files that are not marimo notebooks even when named explicitly (for pre-commit).",
)
def check(
    paths: tuple[str, ...],
    show_diff: bool,
    write: bool,
    unsafe_fixes: bool | None,
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    exclude: tuple[str, ...],
    extend_exclude: tuple[str, ...],
    config_path: str | None,
    output_format: str,
    statistics: bool,
    show_fixes: bool,
    exit_zero: bool,
    exit_non_zero_on_fix: bool,
    jobs: int | None,
    no_cache: bool,
    quiet: bool,
    stdin_filename: str | None,
    skip_non_notebooks: bool,
) -> None:
    """Check notebooks (the default command)."""
    if show_diff and write:
        raise click.UsageError("--diff and --write cannot be used together")
    stderr = Console(stderr=True, highlight=False, soft_wrap=True)
    try:
        config = load_config(Path(config_path) if config_path else find_config_file(Path.cwd()))
    except ConfigError as error:
        stderr.print(Text(f"error: {error}", style="red"), soft_wrap=True)
        sys.exit(EXIT_ERROR)
    settings = _settings(config, select, extend_select, ignore, unsafe_fixes, show_diff, write)
    if settings.mode is Mode.CHECK and output_format not in EDIT_FORMATS:
        settings = dataclasses.replace(settings, fix_edits=False)

    if paths == ("-",):
        sys.exit(_check_stdin(settings, stdin_filename or "stdin.py", output_format, quiet))

    patterns = list(_split(exclude)) if exclude else list(config.exclude)
    patterns += _split(extend_exclude)
    targets = discover(paths or (".",), root=config.root, exclude=patterns)
    if skip_non_notebooks:
        targets = [Target(t.path, explicit=False) for t in targets]
    cache = None if no_cache else Cache(config.root, settings.cache_material)
    try:
        with _progress(stderr, len(targets), enabled=not quiet and stderr.is_terminal) as advance:
            reports = run_batch(targets, settings, jobs=jobs or default_jobs(), cache=cache, advance=advance)
    except KeyboardInterrupt:
        # Every write is atomic, so each file is either as it was or fixed.
        stderr.print(Text("nbfix: interrupted; files already written are fixed, the rest untouched"))
        sys.exit(EXIT_INTERRUPTED)

    for report in reports:
        if report.error is not None:
            stderr.print(Text(f"{report.path}: error: {report.error}", style="red"), soft_wrap=True)
    reports = [r for r in reports if not r.skipped]
    _render(reports, settings.mode, output_format, statistics, show_fixes, quiet)
    sys.exit(_exit_code(reports, settings.mode, exit_zero, exit_non_zero_on_fix))


def _settings(
    config: Config,
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    unsafe_fixes: bool | None,
    show_diff: bool,
    write: bool,
) -> Settings:
    try:
        selection = Selection.of(
            config,
            select=_split_codes(select) if select else None,
            ignore=_split_codes(ignore),
            extend_select=_split_codes(extend_select),
        )
    except UnknownCode as error:
        raise click.UsageError(str(error)) from None
    return Settings(
        codes=selection.codes,
        mode=Mode.DIFF if show_diff else Mode.WRITE if write else Mode.CHECK,
        unsafe_fixes=config.unsafe_fixes if unsafe_fixes is None else unsafe_fixes,
        per_file_ignores=selection.per_file_ignores,
        root=selection.root,
        project=selection.project,
        flags=selection.flags,
    )


@contextmanager
def _progress(console: Console, total: int, *, enabled: bool) -> Iterator:
    if not enabled or total < PROGRESS_THRESHOLD:
        yield lambda: None
        return
    columns = (
        TextColumn("nbfix"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("files", total=total, rate="")

        def advance() -> None:
            progress.advance(task)
            speed = progress.tasks[0].speed
            if speed:
                progress.update(task, rate=f"{speed:.0f} files/s")

        yield advance


def _render(
    reports: list[FileReport], mode: Mode, output_format: str, statistics: bool, show_fixes: bool, quiet: bool
) -> None:
    stdout = Console(highlight=False, soft_wrap=True)
    if mode is Mode.DIFF:
        diff_output.render(stdout, reports)
        if not quiet:
            Console(stderr=True, highlight=False).print(text.summary(reports, "diff"), markup=False)
        return
    machine = {
        "json": json_format.render,
        "json-lines": json_format.render_lines,
        "github": github.render,
        "sarif": sarif.render,
        "junit": junit.render,
    }
    if output_format in machine:
        sys.stdout.write(machine[output_format](reports))
        sys.stdout.flush()
        return
    if statistics:
        text.render_statistics(stdout, reports)
    else:
        text.render_findings(stdout, reports, full=output_format in ("full", "text"))
    if show_fixes:
        text.render_fixes(stdout, reports)
    text.render_dropped(stdout, reports)
    if not quiet:
        stdout.print(Text(text.summary(reports, mode.value), style="bold"))


def _exit_code(reports: list[FileReport], mode: Mode, exit_zero: bool, exit_non_zero_on_fix: bool) -> int:
    if any(r.error is not None for r in reports):
        return EXIT_ERROR
    if mode is Mode.DIFF:
        return EXIT_FOUND if any(r.diff for r in reports) else EXIT_CLEAN
    if exit_non_zero_on_fix and any(r.fixed_count for r in reports):
        return EXIT_FOUND
    if exit_zero:
        return EXIT_CLEAN
    return EXIT_FOUND if any(r.findings for r in reports) else EXIT_CLEAN


def _check_stdin(settings: Settings, filename: str, output_format: str, quiet: bool) -> int:
    """`nbfix - --stdin-filename nb.py`: for editors and tools that pipe a buffer."""
    data = sys.stdin.buffer.read()
    writing = settings.mode is Mode.WRITE
    try:
        source = source_from_bytes(data, Path(filename))
    except SourceError as reason:
        Console(stderr=True).print(Text(f"{filename}: error: {reason}", style="red"), soft_wrap=True)
        if writing:
            _write_stdout(data)
        return EXIT_ERROR
    internal = dataclasses.replace(settings, mode=Mode.DIFF if writing else settings.mode)
    report = call_with_deep_stack(
        lambda: analyze_source(Target(Path(filename), explicit=True), source, internal)
    )
    if report.error is not None:
        Console(stderr=True).print(Text(f"{filename}: error: {report.error}", style="red"), soft_wrap=True)
        if writing:
            _write_stdout(data)
        return EXIT_ERROR
    if writing:
        _write_stdout(data if report.fixed_text is None else encode(report.fixed_text, source.has_bom))
        if report.findings and not quiet:
            console = Console(stderr=True, highlight=False, soft_wrap=True)
            text.render_findings(console, [report], full=False)
        return EXIT_FOUND if report.findings else EXIT_CLEAN
    _render([report], settings.mode, output_format, False, False, quiet)
    return _exit_code([report], settings.mode, False, False)


def _write_stdout(data: bytes) -> None:
    """The buffer's bytes as they are (a BOM and line endings kept), not re-encoded by the console."""
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


@main.command("rules")
def list_rules() -> None:
    """List every rule: code, name, severity, fix, default."""
    for code, rule in all_rules().items():
        default = "on" if rule.default_enabled else "off"
        click.echo(
            f"{code}  {rule.name:<34} {rule.severity.value:<8} "
            f"fix: {str(rule.fix_availability):<20} default: {default}"
        )


@main.command("rule")
@click.argument("code")
def show_rule(code: str) -> None:
    """Print one rule's documentation."""
    rule = all_rules().get(code.upper())
    if rule is None:
        raise click.UsageError(f"unknown rule code: {code}")
    click.echo(f"# {rule.name} ({rule.code})\n")
    default = "On" if rule.default_enabled else "Off"
    click.echo(f"Severity: {rule.severity.value}. Fix: {rule.fix_availability}. {default} by default.\n")
    click.echo(rule.documentation())


@main.command("lsp")
def language_server() -> None:
    """Run the language server over standard input and output."""
    from nbfix.lsp.server import serve

    serve()
