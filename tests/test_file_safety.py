"""Never lose a user's code: what nbfix does with the files it reads and writes.

Each test here stands for a way an earlier nbfix destroyed or silently lost
data: an edit made while `--write` worked, a symlinked or hard-linked
notebook, a FIFO that hung the run, CR-only line endings that were never
fixed, a BOM read from standard input, workers outliving a killed parent,
Ctrl-C leaving a half-finished run.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from notebooks import make_notebook

import nbfix.engine
from nbfix import files
from nbfix.files import FileChanged, read_source, write_fixed

BROKEN = make_notebook(["flag = True", "if flag:\n    result = 1\n    return result\nelse:\n    result = 2"])
CLEAN = make_notebook(["x = 1", "print(x)"])
NBFIX = [sys.executable, "-c", "import sys; from nbfix.cli import main; sys.exit(main())"]


def fixed_text() -> str:
    """What `--write` makes of BROKEN (computed once, by nbfix itself)."""
    from nbfix.notebook import Notebook
    from nbfix.rules import select_rules

    outcome = nbfix.engine.fix_notebook(Notebook.parse(BROKEN), select_rules(None, []))
    assert outcome.changed
    return outcome.notebook.text


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    path = tmp_path / "broken.py"
    path.write_text(BROKEN)
    return path


# --- the user's file wins --------------------------------------------------------------------------


def edit_during_fix(monkeypatch: pytest.MonkeyPatch, action) -> None:
    """Run `action` (an edit by the user) after nbfix has read the file and fixed it in memory."""
    real = nbfix.engine.fix_notebook

    def fix_then_edit(*args, **kwargs):
        outcome = real(*args, **kwargs)
        action()
        return outcome

    monkeypatch.setattr(nbfix.engine, "fix_notebook", fix_then_edit)


def test_an_edit_made_while_fixing_wins(run_nbfix, broken: Path, monkeypatch) -> None:
    edited = BROKEN + "# the user typed this while nbfix worked\n"
    edit_during_fix(monkeypatch, lambda: broken.write_text(edited))
    code, _, err = run_nbfix("--write", "--no-cache", "-j", "1", str(broken))
    assert broken.read_text() == edited
    assert code == 2 and "changed on disk since nbfix read it" in err


def test_an_edit_of_the_same_size_and_time_still_wins(run_nbfix, broken: Path, monkeypatch) -> None:
    status = broken.stat()

    def same_size_edit() -> None:
        broken.write_text(BROKEN.replace("flag = True", "flag = Fals"))
        os.utime(broken, ns=(status.st_atime_ns, status.st_mtime_ns))

    edit_during_fix(monkeypatch, same_size_edit)
    code, _, err = run_nbfix("--write", "--no-cache", "-j", "1", str(broken))
    assert "flag = Fals" in broken.read_text()
    assert code == 2 and "changed on disk" in err


def test_a_file_deleted_while_fixing_is_not_recreated(run_nbfix, broken: Path, monkeypatch) -> None:
    edit_during_fix(monkeypatch, broken.unlink)
    code, _, err = run_nbfix("--write", "--no-cache", "-j", "1", str(broken))
    assert not broken.exists()
    assert code == 2 and "deleted since nbfix read it" in err
    assert not list(broken.parent.iterdir())  # no temporary file left behind


def test_write_checks_the_file_right_before_replacing_it(broken: Path) -> None:
    source = read_source(broken)
    broken.write_text(BROKEN + "\n")
    with pytest.raises(FileChanged):
        write_fixed(source, "new text\n")
    assert broken.read_text() == BROKEN + "\n"


def test_a_file_another_run_already_fixed_the_same_way_is_no_error(broken: Path) -> None:
    source = read_source(broken)
    broken.write_text("the same fix\n")
    write_fixed(source, "the same fix\n")
    assert broken.read_text() == "the same fix\n"


# --- links, owner, mode -----------------------------------------------------------------------------


def test_a_symlinked_notebook_is_fixed_at_its_target(run_nbfix, tmp_path: Path, broken: Path) -> None:
    link = tmp_path / "link.py"
    link.symlink_to(broken.name)
    code, _, _ = run_nbfix("--write", "--no-cache", str(link))
    assert code == 0
    assert link.is_symlink() and os.readlink(link) == broken.name
    assert broken.read_text() == fixed_text()


def test_a_notebook_and_a_link_to_it_are_fixed_once(run_nbfix, tmp_path: Path, broken: Path) -> None:
    (tmp_path / "link.py").symlink_to(broken.name)
    code, out, err = run_nbfix("--write", "--no-cache", "-j", "2", str(tmp_path))
    assert code == 0, err
    assert out.strip().endswith("in 1 file.")
    assert (tmp_path / "link.py").is_symlink() and broken.read_text() == fixed_text()


def test_a_hard_linked_notebook_stays_linked(run_nbfix, tmp_path: Path, broken: Path) -> None:
    other = tmp_path / "other_name.txt"
    os.link(broken, other)
    inode = broken.stat().st_ino
    code, _, _ = run_nbfix("--write", "--no-cache", str(broken))
    assert code == 0
    assert broken.stat().st_ino == inode and broken.stat().st_nlink == 2
    assert other.read_text() == fixed_text()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # the backup is gone


def test_mode_owner_and_group_are_kept(run_nbfix, broken: Path) -> None:
    os.chmod(broken, 0o640)
    if os.geteuid() == 0:
        os.chown(broken, 4321, 4321)
    before = broken.stat()
    code, _, _ = run_nbfix("--write", "--no-cache", str(broken))
    after = broken.stat()
    assert code == 0 and broken.read_text() == fixed_text()
    assert (after.st_mode, after.st_uid, after.st_gid) == (before.st_mode, before.st_uid, before.st_gid)


def test_an_owner_that_cannot_be_kept_means_writing_in_place(broken: Path, monkeypatch) -> None:
    """A user who may write a file but not own it (a shared group folder): the inode is rewritten."""
    source = read_source(broken)
    inode = broken.stat().st_ino
    monkeypatch.setattr(files, "_owner_kept", lambda temporary, current: False)
    write_fixed(source, "fixed\n")
    assert broken.read_text() == "fixed\n" and broken.stat().st_ino == inode
    assert sorted(p.name for p in broken.parent.iterdir()) == ["broken.py"]


def test_a_failed_write_in_place_puts_the_original_back(tmp_path: Path, broken: Path, monkeypatch) -> None:
    os.link(broken, tmp_path / "second.py")
    source = read_source(broken)
    real_fsync = os.fsync
    calls = []

    def failing_fsync(descriptor: int) -> None:
        calls.append(descriptor)
        if len(calls) == 2:  # the backup's fsync passes, the rewrite's fails
            raise OSError(5, "Input/output error")
        real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(OSError, match="Input/output"):
        write_fixed(source, "fixed\n")
    assert broken.read_text() == BROKEN
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.py", "second.py"]


def test_a_leftover_backup_is_never_overwritten(tmp_path: Path, broken: Path) -> None:
    os.link(broken, tmp_path / "second.py")
    backup = tmp_path / ".broken.py.nbfix-backup"
    backup.write_text("the only copy of an interrupted run")
    with pytest.raises(OSError, match="exists"):
        write_fixed(read_source(broken), "fixed\n")
    assert backup.read_text() == "the only copy of an interrupted run"
    assert broken.read_text() == BROKEN


# --- only regular files are read ---------------------------------------------------------------------


def run_cli(*args: str, cwd: Path, timeout: float = 60, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*NBFIX, *args], cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False, **kwargs
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_named_explicitly_is_an_error_not_a_hang(tmp_path: Path, broken: Path) -> None:
    os.mkfifo(tmp_path / "pipe.py")
    result = run_cli("--no-cache", "pipe.py", "broken.py", cwd=tmp_path)
    assert result.returncode == 2
    assert "pipe.py: error: not a regular file" in result.stderr
    assert "broken.py" in result.stdout


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_met_while_walking_is_skipped(tmp_path: Path, broken: Path) -> None:
    os.mkfifo(tmp_path / "pipe.py")
    result = run_cli("--no-cache", ".", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "pipe.py" not in result.stdout + result.stderr


# --- line endings and encodings -------------------------------------------------------------------------


@pytest.mark.parametrize("newline", ["\r", "\r\n"])
def test_cr_and_crlf_files_are_fixed_and_keep_their_line_endings(run_nbfix, broken: Path, newline) -> None:
    broken.write_bytes(BROKEN.replace("\n", newline).encode())
    code, _, _ = run_nbfix("--write", "--no-cache", str(broken))
    assert code == 0
    assert broken.read_bytes() == fixed_text().replace("\n", newline).encode()


def test_a_bom_notebook_from_stdin_is_fixed_like_a_file(run_nbfix, broken: Path) -> None:
    data = b"\xef\xbb\xbf" + BROKEN.encode()
    result = subprocess.run(
        [*NBFIX, "-", "--stdin-filename", "nb.py", "--write"], input=data, capture_output=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == b"\xef\xbb\xbf" + fixed_text().encode()
    broken.write_bytes(data)
    assert run_nbfix("--write", "--no-cache", str(broken))[0] == 0
    assert broken.read_bytes() == result.stdout


def test_stdin_that_is_not_utf8_is_a_one_line_error() -> None:
    result = subprocess.run(
        [*NBFIX, "-", "--stdin-filename", "nb.py"], input=b"\xff\xfe x", capture_output=True, timeout=60
    )
    assert result.returncode == 2
    assert result.stderr.decode().strip().splitlines() == ["nb.py: error: not valid UTF-8 (byte 0)"]


# --- interrupted and killed runs ---------------------------------------------------------------------------


def make_tree(root: Path, count: int) -> list[Path]:
    paths = []
    for number in range(count):
        path = root / f"nb_{number:03}.py"
        path.write_text(BROKEN)
        paths.append(path)
    return paths


def children_of(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def assert_each_file_original_or_fixed(paths: list[Path]) -> None:
    fixed = fixed_text()
    for path in paths:
        assert path.read_text() in (BROKEN, fixed), path
    leftovers = [p.name for p in paths[0].parent.iterdir() if p.name.startswith(".")]
    assert not [name for name in leftovers if name != ".nbfix_cache"]


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_workers_die_with_a_killed_parent(tmp_path: Path) -> None:
    paths = make_tree(tmp_path, 60)
    process = subprocess.Popen(
        [*NBFIX, "--write", "--no-cache", "-j", "2", "-q", "."],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert wait_for(lambda: len(children_of(process.pid)) >= 2, 30), "no workers started"
        workers = children_of(process.pid)
        process.kill()
        process.wait(timeout=10)
        assert wait_for(lambda: not any(alive(pid) for pid in workers), 10), "workers outlived the parent"
    finally:
        for pid in children_of(process.pid):
            os.kill(pid, signal.SIGKILL)
    assert_each_file_original_or_fixed(paths)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_ctrl_c_ends_the_run_cleanly_with_130(tmp_path: Path) -> None:
    paths = make_tree(tmp_path, 60)
    process = subprocess.Popen(
        [*NBFIX, "--write", "--no-cache", "-j", "2", "-q", "."],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, as a terminal's foreground job
    )
    try:
        assert wait_for(lambda: len(children_of(process.pid)) >= 2, 30), "no workers started"
        workers = children_of(process.pid)
        os.killpg(process.pid, signal.SIGINT)  # what the terminal sends on Ctrl-C
        _, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == 130, err
    assert b"Traceback" not in err and b"interrupted" in err
    assert wait_for(lambda: not any(alive(pid) for pid in workers), 10)
    assert_each_file_original_or_fixed(paths)
