"""A fuzz run of hostile files through the real CLI: ``parse``, ``ingest`` and ``export``.

Several hundred files from :mod:`support.hostile` (random and corrupted bytes,
bombs, entity tricks, endless style chains, crammed PDFs, every encoding and
control character, JSON broken every way) go through ``python -m editor`` in
child processes, two at a time. Each run is measured (wall time, and peak RSS
from ``wait4``) and must:

- end within 10 s and stay under 500 MB (a child still running after 30 s is
  killed and counted as a failure);
- exit with a documented code (0; 2 input unreadable; 3 refused; 4 cannot
  write), never with a traceback; a failure is one stderr line
  ``jianxun: <file>：<reason>`` in Chinese, with no library message or errno text;
- on success give what it promises: a jianxun.bulletin/1 document, a DOCX whose
  every XML part parses, a line for every inbox file.

``ingest`` also gets an inbox of symlinks to canary files outside it (absolute,
relative, to a folder, to /proc/self/environ, /etc/passwd, /dev/zero), a FIFO,
and a folder and a file named in GBK: the canaries' marker must appear nowhere in
the data directory, each link must be reported as not taken, and no inbox file
is ever changed, added or removed.

The table of runs, failures, slowest run and largest RSS per command and input
kind is printed and attached to the failure; the README's 可靠性 table quotes it.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from lxml import etree
from support.hostile import Case, Materials, hostile_cases, plant_links, write_case
from support.render import RenderOptions, render
from support.rendering import fontconfig, render_pdf

from editor.core.export import docx_bytes
from editor.core.model import Bulletin

pytestmark = pytest.mark.stress

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "bulletins"
SEED = 20261201
WORKERS = 2
MAX_SECONDS = 10.0
MAX_RSS_MB = 500.0
KILL_AFTER = 30.0
BATCH = 15  # light files per ingest run
EXPORT_EVERY = 5  # every fifth light txt/docx/pdf file is exported too
DOCUMENTED = {"parse": {0, 2}, "export": {0, 2, 3, 4}, "ingest": {0}}
TAKEN = ("新收", "新版本", "重复", "无法解析", "已收过")
GBK_FOLDER = b"\xb1\xa8\xcb\xcd"  # 报送
GBK_FILE = b"\xd6\xd0.txt"  # 中.txt
GBK_OUTPUT = b"\xb5\xda9\xc6\xda.docx"  # 第9期.docx
FORBIDDEN = ("Traceback", "Errno", "errno", "Error", "error:", "Exception", "Warning")
ENGLISH_WORDS = re.compile(r"[A-Za-z]{2,}[ ,:'()]+[A-Za-z]{2,}")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
CJK = re.compile(r"[\u3400-\u9fff]")

Problem = tuple[str, str]
"""(cause, detail): failures are grouped by cause in the report."""


# --- Running one child ------------------------------------------------------------------


@dataclass
class Run:
    command: str
    kind: str
    label: str
    target: str
    code: int | None
    """None: killed after KILL_AFTER seconds."""
    seconds: float
    rss_mb: float
    stdout: bytes
    stderr: bytes
    problems: list[Problem] = field(default_factory=list)


MEASURE = """
import os, sys, time
started = time.monotonic()
pid = os.posix_spawn(sys.argv[2], sys.argv[2:], os.environ)
_pid, status, usage = os.wait4(pid, 0)
seconds = time.monotonic() - started
with open(sys.argv[1], "w") as report:
    report.write(f"{os.waitstatus_to_exitcode(status)} {seconds} {usage.ru_maxrss}")
"""
"""Runs the command and reports its exit code, wall time and peak RSS (KB) to a file.

A child forked from this test process would inherit the test's own peak RSS (Linux
keeps the high-water mark across exec), so the CLI is started from this small
launcher instead: its peak is the CLI's own, give or take the launcher's 10 MB.
"""


def run_cli(
    args: list[str], logs: Path, env: dict[str, str]
) -> tuple[int | None, float, float, bytes, bytes]:
    """``python -m editor ARGS``: exit code (None: killed), seconds, peak RSS MB, stdout, stderr."""
    logs.mkdir(parents=True)
    out_path, err_path, measured = logs / "stdout", logs / "stderr", logs / "measured"
    command = [sys.executable, "-c", MEASURE, str(measured), sys.executable, "-m", "editor", *args]
    with out_path.open("wb") as out, err_path.open("wb") as err:
        started = time.monotonic()
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            start_new_session=True,
        )
        lock = threading.Lock()
        state = {"exited": False, "killed": False}

        def kill() -> None:
            with lock:
                if not state["exited"]:  # not reaped yet: the group is still the launcher's
                    os.killpg(process.pid, signal.SIGKILL)
                    state["killed"] = True

        timer = threading.Timer(KILL_AFTER, kill)
        timer.start()
        try:
            os.waitid(os.P_PID, process.pid, os.WEXITED | os.WNOWAIT)
            with lock:
                state["exited"] = True
            process.wait()
        finally:
            timer.cancel()
        elapsed = time.monotonic() - started
    stdout, stderr = out_path.read_bytes(), without_notices(err_path.read_bytes())
    if state["killed"] or not measured.exists():
        return None, elapsed, 0.0, stdout, stderr
    code, seconds, rss_kb = measured.read_text().split()
    return int(code), float(seconds), int(rss_kb) / 1024, stdout, stderr


# --- What every run must look like ------------------------------------------------------


def _display(raw: bytes) -> str:
    """A path as a person reads it: each part UTF-8, or else GB18030 (a name from Windows)."""
    parts = []
    for part in raw.split(b"/"):
        try:
            parts.append(part.decode("utf-8"))
        except UnicodeDecodeError:
            parts.append(part.decode("gb18030", "replace"))
    return "/".join(parts)


def name_forms(paths: Iterable[str]) -> list[bytes]:
    """The ways a path (maybe not UTF-8) can appear in a UTF-8 message, longest first."""
    forms: set[bytes] = set()
    for path in paths:
        raw = os.fsencode(path)
        forms |= {
            raw,
            path.encode("utf-8", "backslashreplace"),
            path.encode("utf-8", "replace"),
            raw.decode("utf-8", "replace").encode("utf-8"),
            _display(raw).encode("utf-8"),
        }
    return sorted(forms, key=len, reverse=True)


EXCEPTION_LINE = re.compile(r"^[A-Za-z_][\w.]*(Error|Exception|Exit|Interrupt|Warning)?(:|$)")


def traceback_problem(stderr: bytes) -> Problem:
    """The exception's own line (not the repr of a long value after it), as the cause."""
    lines = stderr.decode("utf-8", "replace").splitlines()
    heads = [
        line
        for line in lines
        if EXCEPTION_LINE.match(line) and not line.startswith(("Traceback", "During handling"))
    ]
    last = heads[-1] if heads else next((x for x in reversed(lines) if x.strip()), "")
    return f"traceback: {last[:140]}", last[:300]


def stderr_problems(stderr: bytes, places: Iterable[str]) -> list[Problem]:
    """Why ``stderr`` is not one line ``jianxun: <place>：<Chinese reason>``."""
    if b"Traceback" in stderr:
        return [traceback_problem(stderr)]
    text = stderr.decode("utf-8", "replace")
    shown = repr(text[:240])
    problems: list[Problem] = []
    if stderr.count(b"\n") != 1 or not stderr.endswith(b"\n"):
        problems.append(("stderr is not exactly one line", shown))
    line = stderr.split(b"\n", 1)[0]
    reason: str | None = None
    for form in name_forms(places):
        prefix = b"jianxun: " + form + "：".encode()
        if line.startswith(prefix):
            reason = line[len(prefix) :].decode("utf-8", "replace")
            break
    if reason is None:
        problems.append(("stderr does not start with 'jianxun: <file>：'", shown))
        reason = text
    if not CJK.search(reason):
        problems.append(("reason not in Chinese", shown))
    if CONTROL.search(text.rstrip("\n")):
        problems.append(("control character in stderr", shown))
    english = [word for word in FORBIDDEN if word in reason] + ENGLISH_WORDS.findall(reason)
    if english:
        problems.append((f"English/library text in the reason ({english[0]})", shown))
    return problems


NOTICE = "jianxun: 提醒：".encode()
"""What an export tells a clerk besides success (fonts missing here, titles on four lines)."""


def without_notices(stderr: bytes) -> bytes:
    """Stderr less the export's notices, which are checked for being Chinese and one line each."""
    lines = stderr.splitlines(keepends=True)
    for line in lines:
        if line.startswith(NOTICE):
            assert CJK.search(line.decode("utf-8")), line
            assert b"Traceback" not in line
    return b"".join(line for line in lines if not line.startswith(NOTICE))


def common_problems(run: Run, allowed: set[int], marker: bytes, places: list[str]) -> list[Problem]:
    problems: list[Problem] = []
    if run.code is None:
        problems.append((f"killed after {KILL_AFTER:g} s", ""))
    elif run.code not in allowed:
        problems.append((f"exit {run.code} (allowed {sorted(allowed)})", ""))
    elif run.seconds > MAX_SECONDS:
        problems.append((f"over {MAX_SECONDS:g} s", f"{run.seconds:.1f} s"))
    if run.rss_mb > MAX_RSS_MB:
        problems.append((f"over {MAX_RSS_MB:g} MB peak RSS", f"{run.rss_mb:.0f} MB"))
    if marker in run.stdout or marker in run.stderr:
        problems.append(("canary marker in the output", ""))
    if b"Traceback" in run.stderr:
        problems.append(traceback_problem(run.stderr))
    elif run.code == 0 and run.stderr:
        problems.append(("stderr on success", repr(run.stderr[:240].decode("utf-8", "replace"))))
    elif run.code not in (0, None):
        problems += stderr_problems(run.stderr, places)
    return problems


def bulletin_problems(stdout: bytes) -> list[Problem]:
    try:
        data = json.loads(stdout.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as err:
        return [("parse stdout is not UTF-8 JSON", str(err)[:160])]
    if not isinstance(data, dict) or data.get("schema") != "jianxun.bulletin/1":
        return [("parse stdout is not a jianxun.bulletin/1 document", "")]
    try:
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return [("parse stdout holds lone surrogates", "")]
    try:
        Bulletin.from_dict(data)
    except Exception as err:  # any way the app fails to load its own output is a finding
        return [("parse stdout does not load as a bulletin", repr(err)[:160])]
    return []


def docx_problems(path: Path) -> list[Problem]:
    if not path.is_file():
        return [("export exit 0 but no DOCX", path.name)]
    parser = etree.XMLParser(huge_tree=True, resolve_entities=False, no_network=True)
    try:
        with zipfile.ZipFile(path) as archive:
            if archive.testzip() is not None:
                return [("exported DOCX has a broken part", "")]
            names = archive.namelist()
            if "word/document.xml" not in names:
                return [("exported DOCX has no word/document.xml", "")]
            for name in names:
                if name.endswith((".xml", ".rels")):
                    etree.fromstring(archive.read(name), parser)
    except Exception as err:  # zipfile and lxml raise many kinds; each is a broken DOCX
        return [("exported DOCX does not open", repr(err)[:160])]
    return []


def snapshot(folder: Path) -> dict[str, str]:
    """Every entry under ``folder``: a file's sha256, a link's target, a folder, a FIFO."""
    out: dict[str, str] = {}
    top = os.fsencode(folder)
    for root, dirs, files in os.walk(top, followlinks=False):
        for name in dirs + files:
            path = os.path.join(root, name)
            key = os.fsdecode(os.path.relpath(path, top))
            if os.path.islink(path):
                out[key] = "link to " + os.fsdecode(os.readlink(path))
            elif os.path.isdir(path):
                out[key] = "folder"
            elif not os.path.isfile(path):
                out[key] = f"special {os.lstat(path).st_mode:o}"
            else:
                digest = hashlib.sha256()
                with open(path, "rb") as handle:
                    while block := handle.read(1 << 20):
                        digest.update(block)
                out[key] = digest.hexdigest()
    return out


# --- Jobs -------------------------------------------------------------------------------


def _nothing(run: Run) -> list[Problem]:
    return []


@dataclass
class Job:
    command: str
    kind: str
    label: str
    args: list[str]
    allowed: set[int]
    places: list[str]
    """Paths a failure line may name."""
    check: Callable[[Run], list[Problem]] = _nothing
    """What the command's result must hold when it exits with an allowed code."""


@dataclass
class Fuzz:
    tmp: Path
    marker: bytes
    env: dict[str, str]
    runs: list[Run] = field(default_factory=list)

    def execute(self, jobs: list[Job]) -> None:
        """Run the jobs two at a time, checking each as it ends."""
        start = len(self.runs)

        def one(job: Job, index: int) -> Run:
            logs = self.tmp / "logs" / f"{index:04d}"
            code, seconds, rss, out, err = run_cli(job.args, logs, self.env)
            run = Run(job.command, job.kind, job.label, job.places[0], code, seconds, rss, out, err)
            run.problems = common_problems(run, job.allowed, self.marker, job.places)
            if code in job.allowed:
                run.problems += job.check(run)
            run.stdout = run.stdout[:2000]  # what a report shows, not megabytes
            return run

        with ThreadPoolExecutor(WORKERS) as pool:
            self.runs += pool.map(one, jobs, range(start, start + len(jobs)))


def allowed_for(command: str, case: Case | None) -> set[int]:
    if case is not None and case.allowed is not None:
        return set(case.allowed)
    return set(DOCUMENTED[command])


def parse_job(
    kind: str, label: str, path: Path, case: Case | None = None, allowed: set[int] | None = None
) -> Job:
    def check(run: Run) -> list[Problem]:
        return bulletin_problems(run.stdout) if run.code == 0 else []

    codes = allowed or allowed_for("parse", case)
    return Job("parse", kind, label, ["parse", str(path)], codes, [str(path)], check)


def export_target(case: Case, folder: Path) -> tuple[Path, Path]:
    """The ``-o`` argument for the case's output kind, and the file a success leaves."""
    folder.mkdir(parents=True)
    if case.output == "missing-dir":
        target = folder / "没有这个文件夹" / "结果.docx"
    elif case.output == "is-dir":
        target = folder / "目录.docx"
        target.mkdir()
    elif case.output == "exists":
        target = folder / "已有.docx"
        target.write_bytes(b"an earlier export")
    elif case.output == "long-name":
        target = folder / ("长" * 90 + ".docx")
    elif case.output == "gbk-name":
        target = Path(os.fsdecode(os.fsencode(folder) + b"/" + GBK_OUTPUT))
    elif case.output == "no-suffix":
        return folder / "第9期", folder / "第9期.docx"
    else:
        target = folder / "结果.docx"
    return target, target


def export_job(case: Case, path: Path, folder: Path) -> Job:
    target, written = export_target(case, folder)
    before = snapshot(folder)

    def check(run: Run) -> list[Problem]:
        after = snapshot(folder)
        if run.code != 0:
            changed = after != before
            return [("export failed but changed the output folder", "")] if changed else []
        added = set(after) - set(before)
        produced = written
        if written.is_dir():  # -o an existing folder: one file written into it, by the pattern
            inside = [name for name in added if Path(name).parent == Path(written.name)]
            if len(inside) != 1 or not inside[0].endswith(".docx"):
                return [("export into a folder wrote no single .docx there", str(sorted(added)))]
            produced = folder / inside[0]
        problems = docx_problems(produced)
        if added != {os.fsdecode(os.fsencode(produced)[len(os.fsencode(folder)) + 1 :])}:
            problems.append(("export left other files", str(sorted(added))[:160]))
        return problems

    args = ["export", str(path), "-o", str(target)] + (["--draft"] if case.draft else [])
    places = [str(path), str(target), str(written)]
    return Job("export", case.kind, case.label, args, allowed_for("export", case), places, check)


@dataclass(frozen=True)
class Inbox:
    kind: str
    label: str
    folder: Path
    files: list[Path]
    """Regular files: each needs a line in the output."""
    links: list[Path] = field(default_factory=list)
    """Links out of the inbox: each reported as not taken."""
    good: Path | None = None
    """A plain bulletin that must be taken."""


def ingest_job(inbox: Inbox, data: Path, marker: str) -> Job:
    def check(run: Run) -> list[Problem]:
        return ingest_problems(run, inbox, data, marker)

    args = ["ingest", str(inbox.folder), "--data-dir", str(data)]
    return Job("ingest", inbox.kind, inbox.label, args, {0}, [str(inbox.folder)], check)


def line_naming(lines: list[bytes], path: Path) -> bytes | None:
    """The output line that names the file (by its path, or by its name on its own)."""
    for line in lines:
        if any(form in line for form in name_forms([str(path)])):
            return line
        for form in name_forms([path.name]):
            if re.search(rb"(^|[\s/])" + re.escape(form) + rb"($|\s|\xef\xbc\x9a)", line):
                return line
    return None


def ingest_problems(run: Run, inbox: Inbox, data: Path, marker: str) -> list[Problem]:
    problems: list[Problem] = []
    lines = run.stdout.splitlines()
    for path in inbox.files:
        if line_naming(lines, path) is None:
            problems.append(("ingest output does not name a file", path.name))
    for link in inbox.links:
        line = line_naming(lines, link)
        if line is None:
            problems.append(("ingest does not report a link as not taken", link.name))
        elif re.search(rb"#\d", line) or line.decode("utf-8", "replace").startswith(TAKEN):
            problems.append(("ingest took a link", line.decode("utf-8", "replace")[:160]))
    if inbox.good is not None:
        line = line_naming(lines, inbox.good)
        if line is None or not line.decode("utf-8", "replace").startswith("新收"):
            problems.append(("ingest did not take a plain bulletin", inbox.good.name))
    database = data / "jianxun.sqlite3"
    if database.exists():
        conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
        try:
            if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                problems.append(("archive fails its integrity check", ""))
            names = {row[0] for row in conn.execute("SELECT source_name FROM bulletins")}
        finally:
            conn.close()
        recorded = names & {link.name for link in inbox.links}
        if recorded:
            problems.append(("links recorded in the archive", str(sorted(recorded))))
    elif inbox.files:
        problems.append(("ingest created no archive", ""))
    leaks = [marker.encode(), marker.encode("utf-16-le"), _passwd_line()]
    for root, _dirs, names_ in os.walk(data):
        for name in names_:
            path = Path(root, name)
            if name.startswith(".incoming-"):
                problems.append(("half-copied original left behind", name))
            content = path.read_bytes()
            if any(leak and leak in content for leak in leaks):
                where = str(path.relative_to(data))
                problems.append(("bytes from outside the inbox in the data directory", where))
    return problems


def _passwd_line() -> bytes:
    try:
        first = Path("/etc/passwd").read_bytes().split(b"\n", 1)[0]
    except OSError:
        return b""
    return first if len(first) > 10 else b""


# --- Materials ---------------------------------------------------------------------------


def materials(folder: Path, canary: Path) -> Materials:
    """The fixtures as dicts and rendered texts, exported to DOCX, printed to PDF."""
    bulletins = [json.loads(p.read_text("utf-8")) for p in sorted(FIXTURES.glob("*.json"))]
    options = [
        RenderOptions(),
        RenderOptions(width=None, blanks="none"),
        RenderOptions(centre=True),
    ]
    texts = [render(b, options[i % len(options)]).text for i, b in enumerate(bulletins)]
    docx = docx_bytes(Bulletin.from_dict(bulletins[0]), draft=True)
    folder.mkdir(parents=True)
    source = folder / "base.docx"
    source.write_bytes(docx)
    pdf = render_pdf(source, fontconfig(folder / "fc")).read_bytes()
    return Materials(bulletins, texts, docx, pdf, canary)


# --- The report ----------------------------------------------------------------------------


def summarise(runs: list[Run], changed: list[str], files: int) -> str:
    rows: dict[tuple[str, str], list[Run]] = defaultdict(list)
    for run in runs:
        rows[(run.command, run.kind)].append(run)
    lines = [
        f"Fuzz run: {files} hostile files, {len(runs)} CLI runs (seed {SEED})",
        f"{'command':8} {'kind':16} {'runs':>5} {'failures':>9} {'max s':>7} {'max RSS MB':>11}"
        f" {'killed':>7}",
    ]
    order = {"parse": 0, "ingest": 1, "export": 2}
    for (command, kind), group in sorted(rows.items(), key=lambda r: (order[r[0][0]], r[0][1])):
        failures = sum(1 for run in group if run.problems)
        lines.append(
            f"{command:8} {kind:16} {len(group):5d} {failures:9d} "
            f"{max(r.seconds for r in group):7.2f} {max(r.rss_mb for r in group):11.0f}"
            f" {sum(1 for r in group if r.code is None):7d}"
        )
    for title, key, unit in (("Slowest", "seconds", "s"), ("Largest peak RSS", "rss_mb", "MB")):
        lines.append(f"\n{title}:")
        for run in sorted(runs, key=lambda r: -float(getattr(r, key)))[:6]:
            value = float(getattr(run, key))
            lines.append(f"  {value:7.1f} {unit}  {run.command} {run.kind}: {run.label[:90]}")
    if changed:
        lines.append(f"\nInbox entries changed, added or removed: {changed[:20]}")
    by_cause: dict[str, list[tuple[Run, str]]] = defaultdict(list)
    for run in runs:
        for cause, detail in run.problems:
            by_cause[cause].append((run, detail))
    for cause, items in sorted(by_cause.items(), key=lambda item: (-len(item[1]), item[0])):
        lines.append(f"\n[{len(items)}] {cause}")
        for run, detail in items:
            lines.append(
                f"  {run.command} {run.kind}: {run.label} — {os.path.basename(run.target)}"
                f" ({run.seconds:.1f} s, {run.rss_mb:.0f} MB, exit {run.code})"
                + (f": {detail}" if detail else "")
            )
    return "\n".join(lines)


# --- The test -----------------------------------------------------------------------------


def test_hostile_files_through_the_real_cli(tmp_path: Path) -> None:
    marker = f"CANARY-{uuid.uuid4().hex}"
    env = dict(
        os.environ,
        LC_ALL="C.UTF-8",
        JIANXUN_FUZZ_CANARY=marker,  # what a read of /proc/self/environ would carry
        JIANXUN_DATA_DIR=str(tmp_path / "default-data"),
    )
    inputs = tmp_path / "in"
    outside = inputs / "outside"
    made = materials(tmp_path / "materials", outside / "canary.txt")
    cases = hostile_cases(made, SEED)
    assert len(cases) >= 300, len(cases)

    # Inboxes: light files in batches of one kind, each heavy file alone.
    inboxes: list[Inbox] = []
    written: list[tuple[Case, Path]] = []
    light: dict[str, list[Case]] = defaultdict(list)
    for case in cases:
        if case.kind == "json":
            continue
        if case.heavy:
            folder = inputs / f"heavy-{len(inboxes):02d}"
            folder.mkdir(parents=True)
            path = write_case(case, folder)
            written.append((case, path))
            inboxes.append(Inbox(case.kind, case.label, folder, [path]))
        else:
            light[case.kind].append(case)
    for kind, group in light.items():
        for start in range(0, len(group), BATCH):
            folder = inputs / f"{kind}-{start // BATCH:02d}"
            folder.mkdir(parents=True)
            paths = [write_case(case, folder) for case in group[start : start + BATCH]]
            written += zip(group[start : start + BATCH], paths, strict=True)
            label = f"{len(paths)} files: " + "; ".join(c.label for c in group[start : start + 3])
            inboxes.append(Inbox(kind, label[:150] + " …", folder, paths))
    json_folder = inputs / "json"
    json_folder.mkdir()
    json_files = [(case, write_case(case, json_folder)) for case in cases if case.kind == "json"]

    links = inputs / "links"
    planted = plant_links(links, outside, marker, made.texts[0], made.docx)
    label = "symlinks to canaries, a folder, /proc/self/environ, /etc/passwd, /dev/zero; a FIFO"
    inboxes.append(Inbox("links", label, links, [planted.good], planted.links, planted.good))
    gbk = Path(os.fsdecode(os.fsencode(inputs) + b"/" + GBK_FOLDER))
    gbk.mkdir()
    gbk_named = Path(os.fsdecode(os.fsencode(gbk) + b"/" + GBK_FILE))
    gbk_named.write_bytes(made.texts[2].encode("gbk", "replace"))
    (gbk / "正常.txt").write_text(made.texts[1], encoding="utf-8")
    (gbk / "简报.docx").write_bytes(made.docx)
    gbk_files = [gbk / "正常.txt", gbk_named, gbk / "简报.docx"]
    label = "a folder named in GBK holding a file named in GBK"
    inboxes.append(Inbox("GBK-named inbox", label, gbk, gbk_files, good=gbk / "正常.txt"))

    before = snapshot(inputs)
    fuzz = Fuzz(tmp_path, marker.encode(), env)

    parses = [parse_job(case.kind, case.label, path, case) for case, path in written]
    parses += [
        parse_job("txt", "a FIFO with no writer", links / "管道.txt", allowed={2}),
        parse_job("txt", "a link to /dev/zero", links / "零.txt", allowed={2}),
        parse_job("pdf", "a link to /dev/urandom", links / "随机.pdf", allowed={2}),
        parse_job("txt", "a file named in GBK", gbk_named, allowed={0}),
        parse_job("txt", "a file in a folder named in GBK", gbk / "正常.txt", allowed={0}),
    ]
    fuzz.execute(parses)

    sample = [(case, path) for case, path in written if not case.heavy][::EXPORT_EVERY]
    out = tmp_path / "out"
    fuzz.execute(
        [
            export_job(case, path, out / f"{number:03d}")
            for number, (case, path) in enumerate(json_files + sample)
        ]
    )

    data = tmp_path / "data"
    fuzz.execute([ingest_job(inbox, data / f"{n:02d}", marker) for n, inbox in enumerate(inboxes)])

    after = snapshot(inputs)
    changed = sorted(set(before) ^ set(after))
    changed += sorted(key for key in set(before) & set(after) if before[key] != after[key])
    report = summarise(fuzz.runs, changed, len(cases))
    print(report)
    if changed or any(run.problems for run in fuzz.runs):
        pytest.fail(report, pytrace=False)
