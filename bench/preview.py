#!/usr/bin/env python3
"""Save → visible in Chromium: ``build.py serve`` against stock ``mkdocs serve`` (and ``--dirty``).

    .venv/bin/python bench/preview.py --pages 0,1000 --saves 5 --out bench/out/preview

For each N (0: the shipped site alone) it writes the corpus of ``bench/corpus.py`` (a
Khooshe project and the same text for stock mkdocs-material), starts each server in
turn on a free port, opens a page in headless Chromium and, for each scenario, saves
the source ``--saves`` times with a new Latin marker word and measures the time from
the write until the page in the browser shows the marker (polled every 20 ms; the
servers reload the page themselves). Scenarios: an edited news article, an edited
cluster record (stock: its page), a new news file (its page is opened until it shows).
Also the server's peak resident memory (``VmHWM``) at the end. ``--before DIR`` adds
the ``build.py serve`` of another checkout (e.g. the main branch before this change).
"""

from __future__ import annotations

import argparse
import json
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.corpus import make_khooshe_project, make_stock_project  # noqa: E402
from bench.run import ENV, PYTHON, BenchError, _wait_for, free_port  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
SHIPPED_NEWS = "content/news/isfahan-70-clusters.md"
SHIPPED_CLUSTER = "clusters/isfahan/isfahan-gold.yml"


@dataclass
class Scenario:
    """One kind of save: the source written, the page that must show it, and how the edit is made."""

    name: str
    source: Path
    url_path: str
    edit: Callable[[bytes, str], bytes]  # original bytes, marker → saved bytes
    new_file: bool = False


def append_line(original: bytes, marker: str) -> bytes:
    return original.rstrip(b"\n") + f"\n\n{marker}\n".encode()


def rename_cluster(original: bytes, marker: str) -> bytes:
    lines = original.decode("utf-8").split("\n")
    number = next(index for index, line in enumerate(lines) if line.startswith("name:"))
    lines[number] = f"{lines[number].rstrip()} {marker}"
    return "\n".join(lines).encode("utf-8")


def new_article(_: bytes, marker: str) -> bytes:
    return ("---\ntitle: خبر تازه " + marker + "\ndate: 1403-02-10\nadded: 1405-09-02\n"
            "summary: خبری تازه برای سنجش پیش‌نمایش.\nsource:\n  publisher: خوشه‌های کسب‌وکار\n---\n\n"
            f"متن خبر تازه {marker}\n").encode("utf-8")


def scenarios(khooshe: Path, stock: Path, kind: str, news: Path, cluster: Path) -> list[Scenario]:
    """The three saves, on the Khooshe project's sources or on the stock project's pages of the same text."""
    cluster_id = cluster.stem
    if kind.startswith("khooshe"):
        return [Scenario("news article edited", news, f"news/{news.stem}/", append_line),
                Scenario("cluster record edited", cluster, f"clusters/{cluster_id}/", rename_cluster),
                Scenario("news file added", khooshe / "content/news/bench-preview-new.md", "news/bench-preview-new/",
                         new_article, new_file=True)]
    return [Scenario("news article edited", stock / "docs/news" / news.name, f"news/{news.stem}/", append_line),
            Scenario("cluster record edited", stock / "docs/clusters" / f"{cluster_id}.md", f"clusters/{cluster_id}/",
                     append_line),
            Scenario("news file added", stock / "docs/news/bench-preview-new.md", "news/bench-preview-new/",
                     new_article, new_file=True)]


def commands(khooshe: Path, stock_config: Path, before: Path | None) -> dict[str, list[str]]:
    found = {
        "khooshe": [PYTHON, str(REPO / "build.py"), "--config", str(khooshe / "mkdocs.yml"), "serve", "--port", "{port}"],
        "stock": [PYTHON, "-m", "mkdocs", "serve", "-f", str(stock_config), "-a", "127.0.0.1:{port}"],
        "stock --dirty": [PYTHON, "-m", "mkdocs", "serve", "--dirty", "-f", str(stock_config), "-a", "127.0.0.1:{port}"],
    }
    if before is not None:
        found["khooshe before"] = [PYTHON, str(before / "build.py"), "--config", str(khooshe / "mkdocs.yml"), "serve",
                                   "--port", "{port}"]
    return found


def peak_rss_mb(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def shows(page, marker: str) -> bool:
    try:
        return bool(page.evaluate("m => !!document.body && document.body.innerText.includes(m)", marker))
    except Exception:  # the page is reloading
        return False


def time_save(page, base: str, scenario: Scenario, timeout: float) -> float | None:
    """Seconds from the write until Chromium shows the marker; None when it did not within ``timeout``."""
    marker = f"benchmarker{secrets.token_hex(5)}"
    original = b"" if scenario.new_file else scenario.source.read_bytes()
    started = time.perf_counter()
    scenario.source.write_bytes(scenario.edit(original, marker))
    while not shows(page, marker):
        left = timeout - (time.perf_counter() - started)
        if left <= 0:
            return None
        if scenario.new_file:
            try:
                # the page's text is there once its HTML is parsed (a stock page's "load" sometimes never came);
                # a navigation the server's own reload cut short, or one that hangs, is tried again
                page.goto(base + scenario.url_path, wait_until="domcontentloaded", timeout=min(left, 20) * 1000)
            except Exception:  # a server that does not answer (stuck on a build error) is waited for until timeout
                pass
        time.sleep(0.02)
    return time.perf_counter() - started


def restore(page, base: str, scenario: Scenario, original: bytes | None, settle: float) -> None:
    if original is None:
        scenario.source.unlink(missing_ok=True)
    else:
        scenario.source.write_bytes(original)
    time.sleep(settle)  # the server rebuilds the restored source (not timed)


def run_server(kind: str, command: list[str], cwd: Path, cases: list[Scenario], browser, args, log: Path, say) -> dict:
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    command = [part.replace("{port}", str(port)) for part in command]
    result: dict = {}
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=ENV,
                                   preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        started = time.perf_counter()
        page = browser.new_page()
        _wait_for(lambda: _opens(page, base + cases[0].url_path), process, log, args.timeout, 0.2, "serve did not answer")
        result["first_build_s"] = time.perf_counter() - started
        for case in cases:
            original = None if case.new_file else case.source.read_bytes()
            _open(page, base + (cases[0].url_path if case.new_file else case.url_path), args.timeout)
            time.sleep(args.settle)
            samples = []
            for _ in range(args.saves):
                samples.append(time_save(page, base, case, args.save_timeout))
                if samples[-1] is None:
                    break  # a server that missed one save (stuck) is not waited for again
                time.sleep(args.settle)
            restore(page, base, case, original, args.settle)
            shown = [value for value in samples if value is not None]
            median = statistics.median(shown) if len(shown) == len(samples) else None
            result[case.name] = {"median_s": median, "samples_s": samples}
            say(f"    {kind:15s} {case.name:22s} median {median if median is not None else float('nan'):6.2f} s  "
                + " ".join(f"{value:.2f}" if value is not None else "never" for value in samples))
        page.close()
        result["peak_rss_mb"] = peak_rss_mb(process.pid)
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    return result


def _open(page, url: str, timeout: float) -> None:
    """Open a page; a navigation the page's own reload script cut short is tried again."""
    started = time.perf_counter()
    while not _opens(page, url):
        if time.perf_counter() - started > timeout:
            raise BenchError(f"{url} did not open within {timeout:.0f} s")
        time.sleep(0.2)


def _opens(page, url: str) -> bool:
    try:
        return page.goto(url, timeout=600_000).status == 200
    except Exception:
        return False


def bench_size(pages: int, browser, args, say) -> dict:
    work = Path(tempfile.mkdtemp(prefix=f"khooshe-preview-{pages}-", dir=args.work))
    try:
        khooshe, stock = work / "khooshe", work / "stock"
        corpus = make_khooshe_project(khooshe, pages, seed=args.seed)
        configs = make_stock_project(khooshe, stock)
        news = corpus.news[len(corpus.news) // 2] if corpus.news else khooshe / SHIPPED_NEWS
        cluster = corpus.clusters[len(corpus.clusters) // 2] if corpus.clusters else khooshe / SHIPPED_CLUSTER
        say(f"N={pages}: {corpus.counts} under {work}")
        results = {}
        for kind, command in commands(khooshe, configs["search"], args.before).items():
            if args.servers and kind not in args.servers:
                continue
            cases = scenarios(khooshe, stock, kind, news, cluster)
            cwd = khooshe if kind.startswith("khooshe") else stock
            results[kind] = run_server(kind, command, cwd, cases, browser, args, work / f"{kind.replace(' ', '-')}.log", say)
            say(f"    {kind:15s} first build {results[kind]['first_build_s']:.1f} s, peak RSS "
                f"{results[kind]['peak_rss_mb'] or 0:.0f} MB")
        return {"pages": pages, "counts": corpus.counts, "servers": results}
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


def table(sizes: list[dict]) -> str:
    names = ("news article edited", "cluster record edited", "news file added")
    lines = ["| N | server | " + " | ".join(f"{name} (s)" for name in names) + " | first build (s) | peak RSS (MB) |",
             "|---:|---|" + "---:|" * (len(names) + 2)]
    for size in sizes:
        for kind, result in size["servers"].items():
            cells = [_cell(result.get(name)) for name in names]
            lines.append(f"| {size['pages']:,} | {kind} | " + " | ".join(cells)
                         + f" | {result['first_build_s']:.1f} | {result.get('peak_rss_mb') or 0:.0f} |")
    return "\n".join(lines)


def _cell(result: dict | None) -> str:
    if result is None:
        return "—"
    if result["median_s"] is None:
        shown = sum(value is not None for value in result["samples_s"])
        return f"shown {shown} of {len(result['samples_s'])} times"
    return f"{result['median_s']:.2f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", default="0,1000", help="comma list of synthetic record counts; 0 = the shipped site")
    parser.add_argument("--saves", type=int, default=5, help="saves per scenario (the median is reported)")
    parser.add_argument("--settle", type=float, default=1.5, help="pause after opening a page and after a save (s)")
    parser.add_argument("--timeout", type=float, default=1800, help="limit for a server's first build (s)")
    parser.add_argument("--save-timeout", type=float, default=180, help="a save not shown after this counts as never (s)")
    parser.add_argument("--seed", type=int, default=1380)
    parser.add_argument("--before", type=Path, help="another checkout whose build.py serve is measured too")
    parser.add_argument("--servers", type=lambda text: text.split(","), default=None,
                        help="only these servers, comma list of: khooshe, stock, stock --dirty, khooshe before")
    parser.add_argument("--work", help="where the temporary projects go")
    parser.add_argument("--keep", action="store_true", help="keep the projects and the servers' logs")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out" / "preview")
    args = parser.parse_args(argv)
    # stopped with kill (SIGTERM): unwind, so each server under measurement is stopped too
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    from playwright.sync_api import sync_playwright

    def say(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    sizes = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
        for pages in (int(value) for value in args.pages.split(",")):
            sizes.append(bench_size(pages, browser, args, say))
        browser.close()
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "preview.json").write_text(json.dumps(sizes, indent=2), encoding="utf-8")
    (args.out / "preview.md").write_text(table(sizes) + "\n", encoding="utf-8")
    print(table(sizes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
