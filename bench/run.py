#!/usr/bin/env python3
"""Khooshe against stock mkdocs-material, on the same synthetic Persian text.

For each N it writes a Khooshe project (shipped site + N synthetic records:
10 % clusters, 80 % news, 10 % publications) and a stock Material project with
the same text as plain Markdown pages kept out of the nav, then, alternating
A/B in one run, times

* (A) ``build.py build`` of the Khooshe project — first with an empty text cache
  ("cold"), then ``--repeat`` more times with the cache it left ("warm");
* (B) ``mkdocs build`` of the stock project, Material's ``search`` plugin on;
* (C) the same stock build without any plugin (``--no-nosearch`` skips it).

Every build runs in a fresh subprocess; its peak RSS comes from ``os.wait4``.
It also measures the output size, the bytes a first search query fetches on the
Khooshe site (``bench/search_first_query.py``), and the time ``serve`` takes to
show a changed news article. Results: a Markdown table on stdout, plus
``results.json`` and ``results.md`` in ``--out``.

Usage::

    .venv/bin/python bench/run.py --pages 1000,5000,10000 --repeat 3 --out bench/out
    .venv/bin/python bench/run.py --smoke --out /tmp/bench-smoke
"""

from __future__ import annotations

import argparse
import html
import json
import os
import platform
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.corpus import make_khooshe_project, make_stock_project, split_counts  # noqa: E402

VENV_PYTHON = REPO / ".venv" / "bin" / "python"
PYTHON = str(VENV_PYTHON if VENV_PYTHON.exists() else Path(sys.executable))
DEFAULT_QUERY = "خوشه"
MB = 1024 * 1024

# (key in a result row, column heading); the README explains every column.
COLUMNS = (
    ("pages", "N"),
    ("khooshe_cold_s", "Khooshe cold (s)"),
    ("khooshe_warm_s", "Khooshe warm (s)"),
    ("stock_s", "stock + search (s)"),
    ("ratio_warm", "ratio warm"),
    ("ratio_cold", "ratio cold"),
    ("stock_nosearch_s", "stock, no search (s)"),
    ("khooshe_warm_cpu_s", "Khooshe warm CPU (s)"),
    ("stock_cpu_s", "stock CPU (s)"),
    ("cpu_ratio_warm", "CPU ratio warm"),
    ("cpu_ratio_cold", "CPU ratio cold"),
    ("khooshe_rss_mb", "Khooshe peak RSS (MB)"),
    ("stock_rss_mb", "stock peak RSS (MB)"),
    ("khooshe_site_mb", "Khooshe site (MB)"),
    ("stock_site_mb", "stock site (MB)"),
    ("khooshe_kb_per_page", "Khooshe KB / N"),
    ("khooshe_html_pages", "Khooshe HTML pages"),
    ("first_query_kb", "first query (KB)"),
    ("stock_index_kb", "stock search index (KB)"),
    ("serve_rebuild_khooshe_s", "serve rebuild Khooshe (s)"),
    ("serve_rebuild_stock_s", "serve rebuild stock (s)"),
)


class BenchError(RuntimeError):
    """A build or measurement failed; the message says which and shows its log."""


# --------------------------------------------------------------------------- measuring

def _wait_for(done, process: subprocess.Popen, log: Path, timeout: float, pause: float, what: str) -> None:
    """Poll ``done()`` until it is true; fail when the server exits or ``timeout`` passes."""
    start = time.perf_counter()
    while not done():
        if process.poll() is not None:
            raise BenchError(f"serve exited ({process.returncode}); last lines of {log}:\n{_tail(log)}")
        if time.perf_counter() - start > timeout:
            raise BenchError(f"{what} within {timeout:.0f} s; see {log}")
        time.sleep(pause)


def _tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


# Material prints a multi-line notice on every run; it only clutters the logs.
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def _status_mb(pid: int, field: str) -> float | None:
    """One memory line of /proc/<pid>/status (``VmHWM``, ``VmRSS``), in MB."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return None


def _descendants(pid: int) -> list[int]:
    """Every living descendant of a process (the search index worker of a Khooshe build)."""
    found, pending = [], [pid]
    while pending:
        parent = pending.pop()
        try:
            children = Path(f"/proc/{parent}/task/{parent}/children").read_text().split()
        except OSError:
            continue
        for child in map(int, children):
            found.append(child)
            pending.append(child)
    return found


def _peak_mb(pid: int) -> float | None:
    """The build's memory now: its own peak (VmHWM) or, when larger, its RSS plus its workers'."""
    own_peak = _status_mb(pid, "VmHWM")
    if own_peak is None:
        return None
    together = (_status_mb(pid, "VmRSS") or 0) + sum(_status_mb(child, "VmRSS") or 0 for child in _descendants(pid))
    return max(own_peak, together)


def timed_run(command: list[str], cwd: Path, log: Path) -> dict[str, float]:
    """Run one build in a fresh process: wall seconds, CPU seconds and its peak RSS.

    Peak RSS is the process's VmHWM, or the RSS of the process and its worker
    processes added up when that is larger, read every 50 ms while it runs. ``ru_maxrss``
    from ``wait4`` is not used for it: Linux carries the RSS of the forking
    parent (this script, grown by writing the corpus) over ``exec`` into it.
    """
    peak = {"mb": 0.0}
    with log.open("wb") as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=ENV)
        finished = threading.Event()

        def watch() -> None:
            while not finished.is_set():
                reading = _peak_mb(process.pid)
                if reading is not None:
                    peak["mb"] = max(peak["mb"], reading)
                finished.wait(0.05)

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        finished.set()
        watcher.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise BenchError(f"{' '.join(command)} failed ({process.returncode}); last lines of {log}:\n{_tail(log)}")
    # CPU time (user + system, the build's own and that of the children it waited
    # for) hardly moves when other work shares the machine.
    return {"seconds": seconds, "cpu_s": usage.ru_utime + usage.ru_stime,
            "peak_rss_mb": peak["mb"] or usage.ru_maxrss / 1024}


def tree_size(folder: Path) -> dict[str, int]:
    total = files = pages = 0
    for path in folder.rglob("*"):
        if path.is_file():
            files += 1
            total += path.stat().st_size
            pages += path.suffix == ".html"
    return {"bytes": total, "files": files, "html_pages": pages}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _fetch(url: str, timeout: float) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


def serve_rebuild(command: list[str], cwd: Path, port: int, url_path: str, article: Path,
                  log: Path, timeout: float) -> dict[str, float]:
    """Start a dev server, wait for its first build, change one article, time until it shows.

    The change appends a unique Latin marker word to the article (the text
    pipeline leaves Latin words alone); the article is restored afterwards.
    """
    base = f"http://127.0.0.1:{port}/"
    original = article.read_bytes()
    marker = f"benchmarker{secrets.token_hex(6)}"
    with log.open("wb") as out:
        # SIGINT must reach the server as Ctrl+C does (mkdocs then removes its temp site),
        # even when this script runs in the background, where SIGINT is ignored and
        # children would inherit that.
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=ENV,
                                   preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        try:
            start = time.perf_counter()
            _wait_for(lambda: _fetch(base, timeout=5) is not None, process, log, timeout, 0.1, "serve did not answer")
            first_build = time.perf_counter() - start
            page_url = base + url_path
            before = _fetch(page_url, timeout=timeout)
            if before is None:
                raise BenchError(f"serve does not serve {page_url}; see {log}")
            time.sleep(1.0)  # let the file watcher settle (not timed)
            changed = time.perf_counter()
            article.write_bytes(original.rstrip(b"\n") + f"\n\n{marker}\n".encode())
            _wait_for(lambda: marker in (_fetch(page_url, timeout=timeout) or ""), process, log, timeout, 0.05,
                      "the change did not show")
            rebuild = time.perf_counter() - changed
        finally:
            article.write_bytes(original)
            if process.poll() is None:
                process.send_signal(signal.SIGINT)  # lets mkdocs remove its temp site
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
    return {"first_build_s": first_build, "rebuild_s": rebuild}


def first_query_bytes(site: Path, query: str, log: Path, timeout: float) -> tuple[int | None, str]:
    """Bytes a first search query fetches, via the search capability's own measuring function."""
    if not (BENCH / "search_first_query.py").exists():
        return None, "bench/search_first_query.py is not there yet"
    code = (
        "import sys; from pathlib import Path; sys.path.insert(0, sys.argv[3]);"
        "from bench.search_first_query import measure_first_query_bytes;"
        "print('FIRST_QUERY_BYTES', int(measure_first_query_bytes(Path(sys.argv[1]), sys.argv[2])))"
    )
    try:
        with log.open("wb") as out:
            subprocess.run([PYTHON, "-c", code, str(site), query, str(REPO)], cwd=REPO, stdout=out,
                           stderr=subprocess.STDOUT, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return None, f"measure_first_query_bytes timed out after {timeout:.0f} s"
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith("FIRST_QUERY_BYTES "):
            return int(line.split()[1]), ""
    return None, f"measure_first_query_bytes failed: {_tail(log, 5)}"


def find_page(site: Path, article: Path, title: str) -> str | None:
    """The URL path (relative to the site root) of an article's page in a built site."""
    direct = [path for path in site.rglob(f"{article.stem}/index.html")]
    if direct:
        return direct[0].parent.relative_to(site).as_posix() + "/"
    needle = html.escape(title, quote=False)
    for path in sorted((site / "news").rglob("index.html")) if (site / "news").is_dir() else []:
        if needle in path.read_text(encoding="utf-8", errors="replace"):
            return path.parent.relative_to(site).as_posix() + "/"
    return None


# --------------------------------------------------------------------------- one N

def bench_size(pages: int, args: argparse.Namespace, say) -> dict[str, Any]:
    work = Path(tempfile.mkdtemp(prefix=f"khooshe-bench-{pages}-", dir=args.work))
    try:
        return _bench_size(pages, work, args, say)
    finally:
        if args.keep:
            say(f"  kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def _bench_size(pages: int, work: Path, args: argparse.Namespace, say) -> dict[str, Any]:
    khooshe_root, stock_root, logs = work / "khooshe", work / "stock", work / "logs"
    logs.mkdir(parents=True)
    started = time.perf_counter()
    corpus = make_khooshe_project(khooshe_root, pages, seed=args.seed, defect_rate=args.defects)
    configs = make_stock_project(khooshe_root, stock_root)
    generate_s = time.perf_counter() - started
    say(f"N={pages}: corpus written in {generate_s:.1f} s ({corpus.counts}) under {work}")

    sites = {"khooshe": work / "site-khooshe", "stock": work / "site-stock", "stock_nosearch": work / "site-nosearch"}
    commands = {
        "khooshe": [PYTHON, str(REPO / "build.py"), "--config", str(khooshe_root / "mkdocs.yml"),
                    "build", "--site-dir", str(sites["khooshe"])],
        "stock": [PYTHON, "-m", "mkdocs", "build", "-q", "-f", str(configs["search"]), "-d", str(sites["stock"])],
        "stock_nosearch": [PYTHON, "-m", "mkdocs", "build", "-q", "-f", str(configs["nosearch"]),
                           "-d", str(sites["stock_nosearch"])],
    }
    kinds = ["khooshe", "stock"] + ([] if args.no_nosearch else ["stock_nosearch"])
    runs: dict[str, list[dict[str, float]]] = {kind: [] for kind in kinds}
    cold: dict[str, float] = {}
    for round_number in range(args.repeat + 1):  # round 0: Khooshe with an empty cache
        for kind in kinds:
            shutil.rmtree(sites[kind], ignore_errors=True)
            if kind == "khooshe" and round_number == 0:
                shutil.rmtree(khooshe_root / ".cache", ignore_errors=True)
            cwd = khooshe_root if kind == "khooshe" else stock_root
            result = timed_run(commands[kind], cwd, logs / f"{kind}-{round_number}.log")
            if kind == "khooshe" and round_number == 0:
                cold = result
            else:
                runs[kind].append(result)
            say(f"  round {round_number} {kind:15s} {result['seconds']:7.2f} s wall {result['cpu_s']:7.2f} s CPU "
                f"{result['peak_rss_mb']:7.0f} MB")

    def median(kind: str, measure: str = "seconds") -> float | None:
        values = [run[measure] for run in runs.get(kind, [])]
        return statistics.median(values) if values else None

    def peak(kind: str) -> float | None:
        values = [run["peak_rss_mb"] for run in runs.get(kind, [])] + ([cold["peak_rss_mb"]] if kind == "khooshe" else [])
        return max(values) if values else None

    sizes = {kind: tree_size(sites[kind]) for kind in kinds}
    stock_index = sites["stock"] / "search" / "search_index.json"

    query_bytes, query_note = (None, "skipped (--no-query)")
    if not args.no_query:
        query_bytes, query_note = first_query_bytes(sites["khooshe"], args.query, logs / "first-query.log", args.timeout)
        say(f"  first query «{args.query}»: {query_bytes} bytes {query_note}")

    serve: dict[str, Any] = {}
    if not args.no_serve and corpus.news:
        article = corpus.news[len(corpus.news) // 2]
        title = _article_title(article)
        targets = {
            "khooshe": ([PYTHON, str(REPO / "build.py"), "--config", str(khooshe_root / "mkdocs.yml"), "serve",
                         "--port", "{port}"], khooshe_root, article, sites["khooshe"]),
            "stock": ([PYTHON, "-m", "mkdocs", "serve", "-f", str(configs["search"]), "-a", "127.0.0.1:{port}"],
                      stock_root, stock_root / "docs" / "news" / article.name, sites["stock"]),
        }
        for kind, (command, cwd, source, site) in targets.items():
            url_path = find_page(site, article, title)
            if url_path is None:
                serve[kind] = {"note": f"no page of {article.name} found in the built site"}
                continue
            port = free_port()
            command = [part.replace("{port}", str(port)) for part in command]
            serve[kind] = serve_rebuild(command, cwd, port, url_path, source, logs / f"serve-{kind}.log", args.timeout)
            say(f"  serve {kind}: first build {serve[kind]['first_build_s']:.1f} s, "
                f"rebuild after one news change {serve[kind]['rebuild_s']:.2f} s")

    profiles = profile_khooshe(commands["khooshe"], khooshe_root, sites["khooshe"], pages, args, say) if args.profile else {}

    khooshe_warm, stock_median = median("khooshe"), median("stock")
    khooshe_cpu, stock_cpu = median("khooshe", "cpu_s"), median("stock", "cpu_s")
    row = {
        "pages": pages,
        "khooshe_cold_s": cold["seconds"],
        "khooshe_warm_s": khooshe_warm,
        "stock_s": stock_median,
        "ratio_warm": khooshe_warm / stock_median if khooshe_warm and stock_median else None,
        "ratio_cold": cold["seconds"] / stock_median if stock_median else None,
        "stock_nosearch_s": median("stock_nosearch"),
        "khooshe_warm_cpu_s": khooshe_cpu,
        "stock_cpu_s": stock_cpu,
        "cpu_ratio_warm": khooshe_cpu / stock_cpu if khooshe_cpu and stock_cpu else None,
        "cpu_ratio_cold": cold["cpu_s"] / stock_cpu if stock_cpu else None,
        "khooshe_rss_mb": peak("khooshe"),
        "stock_rss_mb": peak("stock"),
        "khooshe_site_mb": sizes["khooshe"]["bytes"] / MB,
        "stock_site_mb": sizes["stock"]["bytes"] / MB,
        "khooshe_kb_per_page": sizes["khooshe"]["bytes"] / 1024 / pages,
        "khooshe_html_pages": sizes["khooshe"]["html_pages"],
        "first_query_kb": query_bytes / 1024 if query_bytes is not None else None,
        "stock_index_kb": stock_index.stat().st_size / 1024 if stock_index.exists() else None,
        "serve_rebuild_khooshe_s": serve.get("khooshe", {}).get("rebuild_s"),
        "serve_rebuild_stock_s": serve.get("stock", {}).get("rebuild_s"),
    }
    return {
        "row": row,
        "counts": corpus.counts,
        "generate_s": generate_s,
        "runs": {"khooshe_cold": cold, **runs},
        "sizes": sizes,
        "first_query": {"query": args.query, "bytes": query_bytes, "note": query_note},
        "serve": serve,
        "profiles": profiles,
    }


def profile_khooshe(command: list[str], root: Path, site: Path, pages: int, args: argparse.Namespace,
                    say) -> dict[str, str]:
    """Profile one cold and one warm Khooshe build with pyinstrument; reports go to --out.

    pyinstrument is not a project dependency: install it anywhere and put it on
    PYTHONPATH (``pip install --target /tmp/prof pyinstrument; PYTHONPATH=/tmp/prof``).
    """
    probe = subprocess.run([PYTHON, "-c", "import pyinstrument"], capture_output=True)
    if probe.returncode != 0:
        say("  --profile: pyinstrument is not importable (see bench/README.md); skipped")
        return {}
    reports: dict[str, str] = {}
    for state in ("cold", "warm"):
        shutil.rmtree(site, ignore_errors=True)
        if state == "cold":
            shutil.rmtree(root / ".cache", ignore_errors=True)
        session = args.out / f"profile-{pages}-{state}.pyisession"
        profiled = [PYTHON, "-m", "pyinstrument", "-r", "pyisession", "-o", str(session), *command[1:]]
        subprocess.run(profiled, cwd=root, check=True, capture_output=True)
        # A call tree, a flat list of self time, and an HTML view of the same session.
        for renderer, suffix, options in (("text", "txt", []), ("text", "flat.txt", ["-p", "flat=true"]),
                                          ("html", "html", [])):
            target = args.out / f"profile-{pages}-{state}.{suffix}"
            subprocess.run([PYTHON, "-m", "pyinstrument", "--load", str(session), "-r", renderer, *options,
                            "-o", str(target)], check=True, capture_output=True)
        reports[state] = str(args.out / f"profile-{pages}-{state}.txt")
        say(f"  profile ({state}): {reports[state]}")
    return reports


def _article_title(article: Path) -> str:
    from bench.corpus import _split_markdown

    meta, _ = _split_markdown(article.read_text(encoding="utf-8"))
    title = str(meta.get("title", ""))
    try:
        from plugins.model.text import normalize_text

        return normalize_text(title)
    except Exception:
        return title


# --------------------------------------------------------------------------- reporting

def _cell(key: str, value: Any) -> str:
    if value is None:
        return "n/a"
    if key in ("pages", "khooshe_html_pages"):
        return f"{value:,}"
    if "ratio" in key:
        return f"{value:.2f}×"
    if key.endswith("_s"):
        return f"{value:.2f}" if value < 10 else f"{value:.1f}"
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def markdown_table(rows: list[dict[str, Any]]) -> str:
    lines = ["| " + " | ".join(title for _, title in COLUMNS) + " |",
             "|" + "|".join("---:" for _ in COLUMNS) + "|"]
    for row in rows:
        lines.append("| " + " | ".join(_cell(key, row.get(key)) for key, _ in COLUMNS) + " |")
    return "\n".join(lines)


def environment() -> dict[str, Any]:
    def version(package: str) -> str | None:
        try:
            from importlib.metadata import version as package_version

            return package_version(package)
        except Exception:
            return None

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True)
    dirty = subprocess.run(["git", "status", "--porcelain"], cwd=REPO, capture_output=True, text=True)
    return {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "mkdocs": version("mkdocs"),
        "mkdocs-material": version("mkdocs-material"),
        "hazm": version("hazm"),
        "commit": commit.stdout.strip() or None,
        "uncommitted_changes": bool(dirty.stdout.strip()),
    }


def parse_pages(values: list[str] | None) -> list[int]:
    pages: list[int] = []
    for value in values or []:
        for part in value.split(","):
            if part.strip():
                number = int(part.strip())
                if number < 10:
                    raise argparse.ArgumentTypeError(f"N must be at least 10, not {number}")
                pages.append(number)
    return pages


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bench/run.py",
        description="Khooshe build vs stock mkdocs-material on the same synthetic Persian corpus.",
    )
    parser.add_argument("--pages", action="append", metavar="N",
                        help="synthetic pages (records); repeat or give a comma list: --pages 1000,5000,10000")
    parser.add_argument("--repeat", type=int, default=3,
                        help="warm A/B rounds after the cold one (default 3)")
    parser.add_argument("--out", type=Path, default=BENCH / "out", help="where results.json/.md go (default bench/out)")
    parser.add_argument("--smoke", action="store_true", help="a quick check: N=200, one warm round")
    parser.add_argument("--seed", type=int, default=1380, help="corpus seed (default 1380)")
    parser.add_argument("--defects", type=float, default=0.2, help="share of items with seed-style defects (0.2)")
    parser.add_argument("--query", default=DEFAULT_QUERY, help=f"first search query (default «{DEFAULT_QUERY}»)")
    parser.add_argument("--work", type=Path, default=None, help="parent of the temp projects (default: system temp)")
    parser.add_argument("--keep", action="store_true", help="keep the generated projects and sites")
    parser.add_argument("--timeout", type=float, default=1800, help="per serve/query step, seconds (default 1800)")
    parser.add_argument("--no-serve", action="store_true", help="skip the serve rebuild measurement")
    parser.add_argument("--no-query", action="store_true", help="skip the first-query measurement")
    parser.add_argument("--no-nosearch", action="store_true", help="skip the stock build without search")
    parser.add_argument("--profile", action="store_true",
                        help="also profile a cold and a warm Khooshe build with pyinstrument (reports in --out)")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    try:
        pages = parse_pages(args.pages)
    except (ValueError, argparse.ArgumentTypeError) as exc:
        parser.error(str(exc))
    if args.smoke:
        pages = pages or [200]
        args.repeat = 1
    if not pages:
        parser.error("give --pages N (or --smoke)")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if args.work:
        args.work.mkdir(parents=True, exist_ok=True)

    def say(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    results: dict[str, Any] = {
        "command": "bench/run.py " + " ".join(argv if argv is not None else sys.argv[1:]),
        "environment": environment(),
        "settings": {"repeat": args.repeat, "seed": args.seed, "defects": args.defects, "query": args.query,
                     "split": {str(n): dict(zip(("clusters", "news", "publications"), split_counts(n))) for n in pages}},
        "columns": dict(COLUMNS),
        "sizes": [],
    }
    args.out.mkdir(parents=True, exist_ok=True)
    try:
        for n in pages:
            results["sizes"].append(bench_size(n, args, say))
            _write(results, args.out)  # partial results survive a later failure
    except BenchError as exc:
        say(f"benchmark failed: {exc}")
        return 1
    table = _write(results, args.out)
    print(table)
    return 0


def _write(results: dict[str, Any], out: Path) -> str:
    table = markdown_table([size["row"] for size in results["sizes"]])
    (out / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    notes = [f"- N={size['row']['pages']}: first query: {size['first_query']['note']}"
             for size in results["sizes"] if size["first_query"]["note"]]
    env = results["environment"]
    header = (f"Command: `{results['command']}`  \nMachine: {env['cpus']} CPUs, Python {env['python']}, "
              f"mkdocs {env['mkdocs']}, mkdocs-material {env['mkdocs-material']}, commit {env['commit']}"
              f"{' + uncommitted changes' if env['uncommitted_changes'] else ''}\n\n")
    (out / "results.md").write_text(header + table + "\n" + ("\n" + "\n".join(notes) + "\n" if notes else ""),
                                    encoding="utf-8")
    return table


if __name__ == "__main__":
    sys.exit(main())
