"""The `nbfix` command line.

`nbfix [PATH...]` checks (the default command, so `nbfix notebook.py` works
as users of Ruff expect); `nbfix rules` lists the rules, `nbfix rule NB001`
prints one rule's documentation, `nbfix lsp` runs the language server.

Exit codes: 0 nothing left to report, 1 diagnostics remain (with --diff: a
non-empty diff; with --exit-non-zero-on-fix: anything was fixed), 2 usage,
configuration, I/O or parse errors (the other files are still processed),
130 interrupted.

Start-up is kept short for the runs that are many and small (pre-commit calls
nbfix once per commit, editors per save): this module imports only click at
the top, and each run imports what it uses. `nbfix --version` does not even
import this module (see `nbfix.__main__`).
"""

from __future__ import annotations

import dataclasses
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from nbfix import __version__

if TYPE_CHECKING:
    from nbfix.config import Config
    from nbfix.output.console import Printer
    from nbfix.report import FileReport
    from nbfix.runner import Mode, Settings

EXIT_CLEAN, EXIT_FOUND, EXIT_ERROR = 0, 1, 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report Ctrl-C
TEXT_FORMATS = ("full", "concise", "text")
FORMATS = [*TEXT_FORMATS, "json", "json-lines", "github", "gitlab", "sarif", "junit"]
STATISTICS_FORMATS = frozenset({*TEXT_FORMATS, "json", "json-lines"})
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


@dataclass(frozen=True)
class CheckOptions:
    """The `check` command's options, as click parsed them."""

    paths: tuple[str, ...]
    show_diff: bool
    write: bool
    fix_only: bool
    add_noqa: bool
    unsafe_fixes: bool | None
    select: tuple[str, ...]
    extend_select: tuple[str, ...]
    ignore: tuple[str, ...]
    fixable: tuple[str, ...]
    unfixable: tuple[str, ...]
    exclude: tuple[str, ...]
    extend_exclude: tuple[str, ...]
    config_path: str | None
    output_format: str
    statistics: bool
    show_fixes: bool
    show_settings: bool
    exit_zero: bool
    exit_non_zero_on_fix: bool
    jobs: int | None
    no_cache: bool
    cache_dir: str | None
    quiet: bool
    stdin_filename: str | None
    skip_non_notebooks: bool
    watch: bool


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--diff", "show_diff", is_flag=True, help="Show the fixes as a unified diff; write nothing.")
@click.option("--write", "--fix", "write", is_flag=True, help="Apply the fixes in place.")
@click.option(
    "--fix-only", is_flag=True, help="Apply the fixes in place and report nothing else (implies --write)."
)
@click.option(
    "--add-noqa",
    is_flag=True,
    help="Silence each current finding with a `# nbfix: ignore[CODE]` comment on its line (changes no code).",
)
@click.option("--unsafe-fixes", is_flag=True, default=None, help="Also apply fixes marked unsafe.")
@click.option("--select", multiple=True, help="Rule codes or prefixes to enable (replaces the config's).")
@click.option("--extend-select", multiple=True, help="Rule codes or prefixes to enable in addition.")
@click.option("--ignore", multiple=True, help="Rule codes or prefixes to disable.")
@click.option("--fixable", multiple=True, help="Only these codes or prefixes may be fixed [default: ALL].")
@click.option("--unfixable", multiple=True, help="Codes or prefixes never to fix (reported, not fixed).")
@click.option("--exclude", multiple=True, help="Gitignore-style patterns to skip (replaces the config's).")
@click.option("--extend-exclude", multiple=True, help="Gitignore-style patterns to skip in addition.")
@click.option(
    "--config", "config_path", type=click.Path(dir_okay=False), help="Use this nbfix.toml/pyproject.toml."
)
@click.option(
    "--output-format",
    type=click.Choice(FORMATS),
    default="full",
    show_default=True,
    envvar="NBFIX_OUTPUT_FORMAT",
    show_envvar=True,
)
@click.option(
    "--statistics",
    is_flag=True,
    help="Show counts per rule instead of each diagnostic ([*]: all fixable with --write, [-]: some).",
)
@click.option("--show-fixes", is_flag=True, help="List what was fixed, per file and rule.")
@click.option("--show-settings", is_flag=True, help="Print the settings used for the first path, and exit.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when diagnostics remain.")
@click.option("--exit-non-zero-on-fix", is_flag=True, help="Exit 1 when anything was fixed.")
@click.option(
    "-j", "--jobs", type=click.IntRange(min=1), default=None, help="Worker processes [default: CPUs]."
)
@click.option("--no-cache", is_flag=True, help="Neither read nor write the cache.")
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False),
    envvar="NBFIX_CACHE_DIR",
    show_envvar=True,
    help="Keep the cache in this folder [default: .nbfix_cache beside the configuration].",
)
@click.option("-q", "--quiet", is_flag=True, help="Print diagnostics only: no summary, no progress bar.")
@click.option("--stdin-filename", help="With PATH `-`: the name of the notebook read from standard input.")
@click.option(
    "--skip-non-notebooks",
    is_flag=True,
    help="Skip .py files that are not marimo notebooks even when named explicitly (for pre-commit).",
)
@click.option("--watch", is_flag=True, help="Check again whenever a file changes (polls twice a second).")
def check(**options: Any) -> None:
    """Check notebooks (the default command)."""
    opts = CheckOptions(**options)
    _refuse_conflicts(opts)
    if opts.watch:
        from nbfix.watch import watch

        sys.exit(watch(lambda: run_check(opts), lambda: _watched_files(opts), say=_say))
    sys.exit(run_check(opts))


def _refuse_conflicts(opts: CheckOptions) -> None:
    if opts.show_diff and opts.write:
        raise click.UsageError("--diff and --write cannot be used together")
    if opts.add_noqa and (opts.show_diff or opts.write or opts.fix_only):
        raise click.UsageError("--add-noqa changes only comments: it cannot be used with --diff or --write")
    if opts.statistics and opts.output_format not in STATISTICS_FORMATS:
        raise click.UsageError(
            f"--statistics prints text or JSON, not {opts.output_format} "
            f"(use --output-format {', '.join(sorted(STATISTICS_FORMATS))})"
        )
    if opts.paths == ("-",) and (opts.watch or opts.add_noqa):
        raise click.UsageError("--watch and --add-noqa work on files, not on standard input")


def _say(message: str) -> None:
    from nbfix.output.console import Printer

    Printer.stderr().line((message, "dim"))


def run_check(opts: CheckOptions) -> int:
    """One check (or fix) run; its exit code."""
    from nbfix.output.console import Printer

    stderr = Printer.stderr()
    config = _load_config(opts, stderr)
    if config is None:
        return EXIT_ERROR
    settings = _settings(config, opts)
    if opts.show_settings:
        return _show_settings(opts, config, settings)
    if opts.paths == ("-",):
        return _check_stdin(settings, opts)

    targets = _targets(opts, config)
    try:
        with _progress(stderr.console, len(targets), enabled=_bar_wanted(stderr, opts)) as advance:
            reports = _run(targets, settings, opts, config, advance)
    except KeyboardInterrupt:
        # Every write is atomic, so each file is either as it was or fixed.
        stderr.line("nbfix: interrupted; files already written are fixed, the rest untouched")
        return EXIT_INTERRUPTED

    from nbfix.output import text

    text.render_errors(stderr, reports)
    reports = [r for r in reports if not r.skipped]
    if opts.add_noqa:
        return _add_noqa(reports, settings, opts)
    if opts.fix_only:  # Ruff's --fix-only: what is left is not reported
        for report in reports:
            report.findings = []
    _render(reports, settings.mode, opts)
    return _exit_code(reports, settings.mode, opts)


def _load_config(opts: CheckOptions, stderr: Printer) -> Config | None:
    from nbfix.config import ConfigError, find_config_file, load_config

    try:
        return load_config(Path(opts.config_path) if opts.config_path else find_config_file(Path.cwd()))
    except ConfigError as error:
        stderr.line((f"error: {error}", "red"))
        return None


def _settings(config: Config, opts: CheckOptions) -> Settings:
    from nbfix.rules import UnknownCode
    from nbfix.runner import Mode, Settings
    from nbfix.selection import Selection

    try:
        selection = Selection.of(
            config,
            select=_split_codes(opts.select) if opts.select else None,
            ignore=_split_codes(opts.ignore),
            extend_select=_split_codes(opts.extend_select),
        )
        fixable = _fixable_codes(_split_codes(opts.fixable), _split_codes(opts.unfixable))
    except UnknownCode as error:
        raise click.UsageError(str(error)) from None
    mode = Mode.DIFF if opts.show_diff else Mode.WRITE if opts.write or opts.fix_only else Mode.CHECK
    return Settings(
        codes=selection.codes,
        mode=mode,
        unsafe_fixes=config.unsafe_fixes if opts.unsafe_fixes is None else opts.unsafe_fixes,
        fixable=fixable,
        per_file_ignores=selection.per_file_ignores,
        root=selection.root,
        project=selection.project,
        flags=selection.flags,
        # A check builds each fix's edits only for the formats that print them.
        fix_edits=mode is not Mode.CHECK or opts.output_format in EDIT_FORMATS,
    )


def _fixable_codes(fixable: list[str], unfixable: list[str]) -> tuple[str, ...] | None:
    """The codes whose fixes may be used: those `fixable` matches (all without it) minus `unfixable`."""
    if not fixable and not unfixable:
        return None
    from nbfix.rules import CATALOG, UnknownCode

    codes = sorted(CATALOG)
    for selector in [*fixable, *unfixable]:
        if selector != "ALL" and not any(code.startswith(selector) for code in codes):
            raise UnknownCode(f"unknown rule code or prefix: {selector}")

    def matches(code: str, selectors: list[str]) -> bool:
        return any(selector == "ALL" or code.startswith(selector) for selector in selectors)

    return tuple(c for c in codes if (not fixable or matches(c, fixable)) and not matches(c, unfixable))


def _targets(opts: CheckOptions, config: Config) -> list:
    from nbfix.discovery import discover
    from nbfix.files import Target

    patterns = list(_split(opts.exclude)) if opts.exclude else list(config.exclude)
    patterns += _split(opts.extend_exclude)
    targets = discover(opts.paths or (".",), root=config.root, exclude=patterns)
    if opts.skip_non_notebooks:
        targets = [Target(t.path, explicit=False) for t in targets]
    return targets


def _cache_location(opts: CheckOptions, config: Config) -> Path | None:
    if opts.no_cache:
        return None
    if opts.cache_dir:
        return Path(opts.cache_dir).absolute()
    from nbfix.cache import CACHE_DIRECTORY

    return config.root / CACHE_DIRECTORY


def _run(targets: list, settings: Settings, opts: CheckOptions, config: Config, advance: Any) -> list:
    from nbfix.batch import default_jobs, run_batch
    from nbfix.cache import Cache

    cache = None
    location = _cache_location(opts, config)
    if location is not None:
        if opts.cache_dir:
            location.parent.mkdir(parents=True, exist_ok=True)
        cache = Cache(location.parent, settings.cache_material, folder=location.name)
    return run_batch(targets, settings, jobs=opts.jobs or default_jobs(), cache=cache, advance=advance)


def _bar_wanted(stderr: Printer, opts: CheckOptions) -> bool:
    return not opts.quiet and stderr.console is not None and stderr.console.is_terminal


@contextmanager
def _progress(console: Any, total: int, *, enabled: bool) -> Iterator:
    """A progress bar on `console` (rich's) for runs long enough to need one."""
    if not enabled or total < PROGRESS_THRESHOLD:
        yield lambda: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

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


def _render(reports: list[FileReport], mode: Mode, opts: CheckOptions) -> None:
    from nbfix.output import text
    from nbfix.output.console import Printer
    from nbfix.runner import Mode

    stdout = Printer.stdout()
    if mode is Mode.DIFF:
        from nbfix.output import diff

        diff.render(stdout, reports)
        if not opts.quiet:
            text.render_summary(Printer.stderr(), reports, "diff")
        return
    output_format = opts.output_format
    if opts.statistics and output_format in ("json", "json-lines"):
        from nbfix.output import json_format

        if output_format == "json":
            sys.stdout.write(json_format.render_statistics(reports))
        else:
            sys.stdout.write(json_format.render_statistics_lines(reports))
        return
    if output_format not in TEXT_FORMATS:
        sys.stdout.write(_machine_format(output_format)(reports))
        sys.stdout.flush()
        return
    if opts.statistics:
        text.render_statistics(stdout, reports)
    else:
        text.render_findings(stdout, reports, full=output_format in ("full", "text"))
    if opts.show_fixes:
        text.render_fixes(stdout, reports)
    text.render_dropped(stdout, reports)
    if not opts.quiet:
        text.render_summary(stdout, reports, mode.value)


def _machine_format(name: str) -> Any:
    """The render function of a machine-readable format (imported only when asked for)."""
    if name in ("json", "json-lines"):
        from nbfix.output import json_format

        return json_format.render if name == "json" else json_format.render_lines
    from importlib import import_module

    return import_module(f"nbfix.output.{name}").render


def _exit_code(reports: list[FileReport], mode: Mode, opts: CheckOptions) -> int:
    from nbfix.runner import Mode

    if any(r.error is not None for r in reports):
        return EXIT_ERROR
    if mode is Mode.DIFF:
        return EXIT_FOUND if any(r.diff for r in reports) else EXIT_CLEAN
    if opts.exit_non_zero_on_fix and any(r.fixed_count for r in reports):
        return EXIT_FOUND
    if opts.exit_zero:
        return EXIT_CLEAN
    return EXIT_FOUND if any(r.findings for r in reports) else EXIT_CLEAN


def _add_noqa(reports: list[FileReport], settings: Settings, opts: CheckOptions) -> int:
    """--add-noqa: silence what the check found, file by file; say what could not be silenced."""
    from nbfix.add_noqa import add_noqa
    from nbfix.output.console import Printer

    stdout, stderr = Printer.stdout(), Printer.stderr()
    added = files = left = 0
    errors = any(r.error is not None for r in reports)
    for report in reports:
        if not report.findings or report.error is not None:
            continue
        outcome = add_noqa(report, settings)
        if outcome.error is not None:
            stderr.line((f"{report.path}: error: {outcome.error}", "red"))
            errors = True
            continue
        added += outcome.added
        files += outcome.added > 0
        for finding, why in outcome.left:
            left += 1
            where = f"{report.path}:{finding.start.line}:{finding.start.column}"
            stdout.line(f"{where}: {finding.code} not silenced: {why}")
    if not opts.quiet:
        noun = "finding" if added == 1 else "findings"
        summary = f"Silenced {added} {noun} with `# nbfix: ignore[...]` comments in {files} file"
        summary += "s." if files != 1 else "."
        if left:
            summary += f" {left} could not be silenced by a comment (listed above)."
        stdout.line((summary, "bold"))
    return EXIT_ERROR if errors else EXIT_FOUND if left else EXIT_CLEAN


def _show_settings(opts: CheckOptions, config: Config, settings: Settings) -> int:
    from nbfix.output import settings as settings_output
    from nbfix.output.console import Printer

    path = Path(opts.paths[0]) if opts.paths and opts.paths != ("-",) else Path(opts.stdin_filename or ".")
    exclude = list(_split(opts.exclude)) if opts.exclude else list(config.exclude)
    settings_output.render(
        Printer.stdout(),
        path=path,
        config=config,
        settings=settings,
        exclude=[*exclude, *_split(opts.extend_exclude)],
        output_format=opts.output_format,
        cache=_cache_location(opts, config),
        jobs=opts.jobs,
    )
    return EXIT_CLEAN


def _watched_files(opts: CheckOptions) -> list[Path]:
    """What --watch polls: the files a run would check, and the configuration file."""
    from nbfix.config import ConfigError, find_config_file, load_config

    try:
        config_file = Path(opts.config_path) if opts.config_path else find_config_file(Path.cwd())
        config = load_config(config_file)
    except ConfigError:
        return [Path(opts.config_path)] if opts.config_path else []
    files = [target.path for target in _targets(opts, config)]
    return [*files, config_file] if config_file is not None else files


def _check_stdin(settings: Settings, opts: CheckOptions) -> int:
    """`nbfix - --stdin-filename nb.py`: for editors and tools that pipe a buffer."""
    from nbfix.deep_stack import call_with_deep_stack
    from nbfix.files import Target, source_from_bytes
    from nbfix.output import text
    from nbfix.output.console import Printer
    from nbfix.report import IO_ERROR, FileReport
    from nbfix.runner import Mode, analyze_source
    from nbfix.source import SourceError, encode

    filename = opts.stdin_filename or "stdin.py"
    data = sys.stdin.buffer.read()
    writing = settings.mode is Mode.WRITE
    try:
        source = source_from_bytes(data, Path(filename))
    except SourceError as reason:
        report = FileReport(filename, error=str(reason), error_kind=IO_ERROR)
    else:
        internal = dataclasses.replace(settings, mode=Mode.DIFF if writing else settings.mode)
        report = call_with_deep_stack(
            lambda: analyze_source(Target(Path(filename), explicit=True), source, internal)
        )
    text.render_errors(Printer.stderr(), [report])
    if writing:
        fixed = report.fixed_text if report.error is None else None
        _write_stdout(data if fixed is None else encode(fixed, source.has_bom))
        if report.error is not None:
            return EXIT_ERROR
        if opts.fix_only:
            return EXIT_CLEAN
        if report.findings and not opts.quiet:
            text.render_findings(Printer.stderr(), [report], full=False)
        return EXIT_FOUND if report.findings else EXIT_CLEAN
    if opts.fix_only:
        report.findings = []
    _render([report], settings.mode, opts)
    return _exit_code([report], settings.mode, opts)


def _write_stdout(data: bytes) -> None:
    """The buffer's bytes as they are (a BOM and line endings kept), not re-encoded by the console."""
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


@main.command("rules")
def list_rules() -> None:
    """List every rule: code, name, severity, fix, default."""
    from nbfix.rules import all_rules

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
    from nbfix.rule_docs import rule_text
    from nbfix.rules import all_rules

    rule = all_rules().get(code.upper())
    if rule is None:
        raise click.UsageError(f"unknown rule code: {code}")
    click.echo(rule_text(rule), nl=False)


@main.command("mcp")
def mcp_server() -> None:
    """Run the MCP server for coding agents (stdio; needs `nbfix[mcp]`)."""
    from nbfix.mcp.server import main as serve_mcp

    serve_mcp()


@main.command("lsp")
def language_server() -> None:
    """Run the language server over standard input and output."""
    from nbfix.lsp.server import serve

    serve()
