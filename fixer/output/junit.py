"""JUnit XML: one test suite per file, one failing test case per finding (CI dashboards read it)."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree

from nbfix.report import FileReport


def render(reports: list[FileReport]) -> str:
    suites = ElementTree.Element("testsuites", name="nbfix")
    total = 0
    for report in reports:
        if not report.findings and report.error is None:
            continue
        failures = len(report.findings) + (report.error is not None)
        suite = ElementTree.SubElement(
            suites, "testsuite", name=report.path, tests=str(failures), failures=str(failures)
        )
        total += failures
        for f in report.findings:
            case = ElementTree.SubElement(
                suite, "testcase", name=f"org.nbfix.{f.code}", classname=report.path, line=str(f.start.line)
            )
            failure = ElementTree.SubElement(case, "failure", message=f.message, type=f.code)
            failure.text = f"line {f.start.line}, col {f.start.column}, {f.message}"
        if report.error is not None:
            case = ElementTree.SubElement(
                suite, "testcase", name=f"org.nbfix.{report.error_name}", classname=report.path
            )
            error = ElementTree.SubElement(case, "error", message=report.error, type=report.error_name)
            error.text = report.error
    suites.set("tests", str(total))
    suites.set("failures", str(total))
    ElementTree.indent(suites)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(suites, encoding="unicode") + "\n"
    )
