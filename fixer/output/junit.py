"""JUnit XML: one test suite per file, one failing test case per finding (CI dashboards read it).

A file nbfix could not process is a test case with an `<error>` (not a
`<failure>`), counted in the `errors` attributes, its type the kind of error.
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree

from nbfix.report import FileReport


def render(reports: list[FileReport]) -> str:
    suites = ElementTree.Element("testsuites", name="nbfix")
    tests = failures = errors = 0
    for report in reports:
        if not report.findings and report.error is None:
            continue
        failed, erred = len(report.findings), int(report.error is not None)
        suite = ElementTree.SubElement(
            suites,
            "testsuite",
            name=report.path,
            tests=str(failed + erred),
            failures=str(failed),
            errors=str(erred),
        )
        tests, failures, errors = tests + failed + erred, failures + failed, errors + erred
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
    suites.set("tests", str(tests))
    suites.set("failures", str(failures))
    suites.set("errors", str(errors))
    ElementTree.indent(suites)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(suites, encoding="unicode") + "\n"
    )
