"""Throughput of the Persian text pipeline (plugins.model.text), cold and cached, in MB/s.

    .venv/bin/python bench/text_throughput.py [--repeat N]

The corpus is every Markdown source in content/, the seed documents
(shared/seeds beside the clone, when present) and the torture fixture, normalized as
Markdown for display — what a build does. Each measurement runs in a fresh
Python process with its own cache folder (never the project's .cache):

* cold, with start-up — nothing cached; includes importing hazm and building its
  Normalizer (the cost of the first build on a fresh checkout);
* cold — nothing cached, hazm already loaded: every Persian segment goes through hazm;
* disk cache — a fresh process whose cache folder holds every segment (a rebuild:
  hazm is never imported);
* memory — the same document again in the same process (live preview).
"""

from __future__ import annotations

import os
import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = Path(os.environ.get("KHOOSHE_SEEDS") or Path(__file__).resolve().parents[2] / "shared" / "seeds")  # shared/ beside the clone

_WORKER = r"""
import json, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
started = time.perf_counter()
from plugins.model import text
documents = json.loads(Path(sys.argv[2]).read_text(encoding="utf-8"))
text.configure_cache(sys.argv[3])
mode = sys.argv[4]
if mode == "cold":
    text.normalize_text("گرم کردن hazm مي شود")  # load hazm outside the measurement
    text.clear_memory()
    started = time.perf_counter()
elif mode == "memory":
    for document in documents:
        text.normalize_markdown(document)
    started = time.perf_counter()
elif mode == "disk":
    started = time.perf_counter()
for document in documents:
    text.normalize_markdown(document)
elapsed = time.perf_counter() - started
text.flush_cache()
info = text.cache_info()
print(json.dumps({"seconds": elapsed, "hazm_calls": info["hazm_calls"], "hazm_loaded": info["hazm_loaded"]}))
"""


def corpus() -> list[str]:
    documents = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "content").rglob("*.md"))]
    if SEEDS.is_dir():
        documents += [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    documents.append((ROOT / "tests" / "fixtures" / "text" / "torture.md").read_text(encoding="utf-8"))
    return documents


def run(mode: str, documents_file: Path, cache: Path) -> dict:
    output = subprocess.run(
        [sys.executable, "-c", _WORKER, str(ROOT), str(documents_file), str(cache), mode],
        check=True, capture_output=True, text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the best is reported")
    args = parser.parse_args()
    documents = corpus()
    megabytes = sum(len(document.encode("utf-8")) for document in documents) / 1_000_000
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        documents_file = Path(folder) / "corpus.json"
        documents_file.write_text(json.dumps(documents, ensure_ascii=False), encoding="utf-8")
        for label, mode, fresh in (
            ("cold, with hazm start-up", "startup", True),
            ("cold (hazm loaded, nothing cached)", "cold", True),
            ("disk cache (fresh process, no hazm)", "disk", False),
            ("memory (same document again)", "memory", False),
        ):
            best = None
            for attempt in range(args.repeat):
                cache = Path(folder) / (f"cache-{mode}-{attempt}" if fresh else "cache-shared")
                if not fresh and not cache.exists():
                    run("cold", documents_file, cache)  # fill the shared cache once
                result = run(mode, documents_file, cache)
                if best is None or result["seconds"] < best["seconds"]:
                    best = result
            rows.append((label, best))
    print(f"corpus: {len(documents)} documents, {megabytes:.3f} MB (UTF-8)")
    for label, result in rows:
        rate = megabytes / result["seconds"] if result["seconds"] else float("inf")
        print(f"{label:40} {result['seconds']:8.3f} s {rate:10.2f} MB/s   hazm calls: {result['hazm_calls']}"
              f"{'' if result['hazm_loaded'] else '   (hazm not imported)'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
