import marimo

__generated_with = "0.25.2"
app = marimo.App()


@app.cell
def _():
    import collections
    import datetime as dt
    import re

    import marimo as mo

    return collections, dt, mo, re


@app.cell(hide_code=True)
def _(mo):
    mo.md(r"""
    # Data-quality checks for GPU job records

    Validates a batch of scheduler records before they are loaded into the
    cluster-usage warehouse: required fields, value ranges, unique job ids and
    parseable timestamps.
    """)
    return


@app.cell
def _():
    jobs = [
        {"job_id": "j-1001", "gpus": 8, "gpu_hours": 63.5, "start": "2024-06-01T08:00:00", "node": "dgx-a01"},
        {"job_id": "j-1002", "gpus": 4, "gpu_hours": 11.0, "start": "2024-06-01T09:30:00", "node": "dgx-a02"},
        {"job_id": "j-1003", "gpus": 0, "gpu_hours": 2.0, "start": "2024-06-01T10:15:00", "node": "cpu-b07"},
        {"job_id": "j-1003", "gpus": 1, "gpu_hours": None, "start": "not-a-date", "node": "dgx-a01"},
        {"job_id": "j-1005", "gpus": 16, "gpu_hours": 201.25, "start": "2024-06-02T00:00:00", "node": "dgx-b11"},
    ]
    return (jobs,)


@app.cell
def _(collections, re):
    NODE_PATTERN = re.compile(r"^(dgx|cpu)-[a-z]\d{2}$")

    def missing_fields(job, required=("job_id", "gpus", "gpu_hours", "start", "node")):
        return [field for field in required if job.get(field) is None]

    def out_of_range(job):
        problems = []
        if not 0 <= (job.get("gpus") or 0) <= 16:
            problems.append("gpus")
        if (job.get("gpu_hours") or 0) < 0:
            problems.append("gpu_hours")
        if not NODE_PATTERN.match(job.get("node", "")):
            problems.append("node")
        return problems

    def duplicate_ids(records):
        counts = collections.Counter(r["job_id"] for r in records)
        return sorted(job_id for job_id, n in counts.items() if n > 1)

    return duplicate_ids, missing_fields, out_of_range


@app.cell
def _(dt, jobs):
    parsed_starts = {}
    bad_timestamps = []
    for _job in jobs:
        try:
            parsed_starts[_job["job_id"]] = dt.datetime.fromisoformat(_job["start"])
        except ValueError:
            bad_timestamps.append(_job["job_id"])
    print(f"{len(bad_timestamps)} unparseable timestamps")
    return (bad_timestamps,)


@app.cell
def _(bad_timestamps, duplicate_ids, jobs, missing_fields, out_of_range):
    issues = {
        "missing": {j["job_id"]: missing_fields(j) for j in jobs if missing_fields(j)},
        "range": {j["job_id"]: out_of_range(j) for j in jobs if out_of_range(j)},
        "duplicate_ids": duplicate_ids(jobs),
        "timestamps": bad_timestamps,
    }
    n_failed = sum(len(v) for v in issues.values())
    return issues, n_failed


@app.cell
def _(n_failed):
    match {"failed": n_failed}:
        case {"failed": 0}:
            verdict = "pass"
        case {"failed": int(failed_checks)} if failed_checks < 3:
            verdict = "warn"
        case _:
            verdict = "fail"
    print(f"batch verdict: {verdict}")
    return (verdict,)


@app.cell
def _(issues, mo, verdict):
    _kind = {"pass": "success", "warn": "warn", "fail": "danger"}[verdict]
    _details = "\n".join(f"- **{name}**: {found}" for name, found in issues.items() if found)
    mo.callout(mo.md(f"Verdict **{verdict}**\n\n{_details}"), kind=_kind)
    return


if __name__ == "__main__":
    app.run()
