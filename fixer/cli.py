"""The `nbfix` command line.

`nbfix [PATH...]` checks (the default command, so `nbfix notebook.py` works
as users expect); `nbfix rules` lists the rules and `nbfix rule NB001` prints
one rule's documentation, both generated from the rule modules.

Exit codes: 0 nothing left to report, 1 diagnostics remain (with --diff: a
non-empty diff), 2 usage, I/O or parse errors (the other files are still
processed).
"""

from __future__ import annotations

import sys

import click
from rich.console import Console
from rich.text import Text

from fixer import __version__
from fixer.files import discover
from fixer.output import diff as diff_output
from fixer.output import json_format, text
from fixer.rules import UnknownCode, all_rules, select_rules
from fixer.runner import FileReport, Mode, Settings, process

EXIT_CLEAN, EXIT_FOUND, EXIT_ERROR = 0, 1, 2


class _DefaultToCheck(click.Group):
    """A group whose unknown first argument is a path for the `check` command."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or args[0] not in self.commands and args[0] not in ("--help", "--version"):
            args = ["check", *args]
        return super().parse_args(ctx, args)


@click.group(cls=_DefaultToCheck, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="nbfix")
def main() -> None:
    """Find and fix the anti-patterns of marimo notebooks."""


def _split_codes(values: tuple[str, ...]) -> list[str]:
    return [code.strip().upper() for value in values for code in value.split(",") if code.strip()]


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--diff", "show_diff", is_flag=True, help="Show the fixes as a unified diff; write nothing.")
@click.option("--write", is_flag=True, help="Apply the fixes in place.")
@click.option("--unsafe-fixes", is_flag=True, help="Also apply fixes marked unsafe.")
@click.option("--select", multiple=True, help="Rule codes or prefixes to enable (comma-separated).")
@click.option("--ignore", multiple=True, help="Rule codes or prefixes to disable (comma-separated).")
@click.option(
    "--output-format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="How to print diagnostics.",
)
def check(
    paths: tuple[str, ...],
    show_diff: bool,
    write: bool,
    unsafe_fixes: bool,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    output_format: str,
) -> None:
    """Check notebooks (default command)."""
    if show_diff and write:
        raise click.UsageError("--diff and --write cannot be used together")
    try:
        rules = select_rules(_split_codes(select) if select else None, _split_codes(ignore))
    except UnknownCode as error:
        raise click.UsageError(str(error)) from None
    mode = Mode.DIFF if show_diff else Mode.WRITE if write else Mode.CHECK
    settings = Settings(tuple(rules), mode, unsafe_fixes)

    stdout = Console(highlight=False, soft_wrap=True)
    stderr = Console(stderr=True, highlight=False, soft_wrap=True)
    reports: list[FileReport] = []
    for target in discover(paths or (".",)):
        report = process(target, settings)
        if report.error is not None:
            stderr.print(Text(f"{report.path}: error: {report.error}", style="red"), soft_wrap=True)
        if not report.skipped:
            reports.append(report)

    if mode is Mode.DIFF:
        diff_output.render(stdout, reports)
        stderr.print(Text(_diff_summary(reports)))
    elif output_format == "json":
        click.echo(json_format.render(reports))
    else:
        text.render(stdout, reports, mode)

    sys.exit(_exit_code(reports, mode))


def _diff_summary(reports: list[FileReport]) -> str:
    changed = [r for r in reports if r.fixed_text is not None]
    fixed = sum(r.fixed_count for r in changed)
    dropped = sum(len(r.dropped) for r in reports)
    return text.summary(Mode.DIFF, 0, 0, fixed, len(changed), dropped)


def _exit_code(reports: list[FileReport], mode: Mode) -> int:
    if any(r.error is not None for r in reports):
        return EXIT_ERROR
    if mode is Mode.DIFF:
        return EXIT_FOUND if any(r.fixed_text is not None for r in reports) else EXIT_CLEAN
    return EXIT_FOUND if any(r.diagnostics for r in reports) else EXIT_CLEAN


@main.command("rules")
def list_rules() -> None:
    """List every rule: code, name, severity, fix, default."""
    for code, rule in all_rules().items():
        default = "on" if rule.default_enabled else "off"
        click.echo(
            f"{code}  {rule.name:<34} {rule.severity.value:<8} "
            f"fix: {rule.fix_applicability:<14} default: {default}"
        )


@main.command("rule")
@click.argument("code")
def show_rule(code: str) -> None:
    """Print one rule's documentation."""
    rule = all_rules().get(code.upper())
    if rule is None:
        raise click.UsageError(f"unknown rule code: {code}")
    click.echo(f"# {rule.name} ({rule.code})\n")
    click.echo(
        f"Severity: {rule.severity.value}. Fix: {rule.fix_applicability}. "
        f"{'On' if rule.default_enabled else 'Off'} by default.\n"
    )
    click.echo(rule.documentation())
