#!/usr/bin/env python3
"""Where a Khooshe build spends its CPU: seconds per (event, plugin), the rest, peak memory.

    .venv/bin/python bench/probe.py PROJECT/mkdocs.yml SITE_DIR

Builds like ``build.py build`` (same function) with every plugin event handler
timed in CPU seconds (``time.process_time``: hardly moved by other work on a
shared machine), and prints, on stderr, the handlers that cost more than 0.05 s,
what the rest of the build cost (MkDocs, Markdown, Jinja and Material, start-up
included), the resident memory when MkDocs starts and the peak, and whether
hazm was imported. A project to probe: ``bench/run.py --pages N --keep``, or
``bench.corpus.make_khooshe_project(root, N)``. bench/PROFILE.md has the findings.
"""

from __future__ import annotations

import collections
import functools
import resource
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


def _rss_mb() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) // 1024
    return 0


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    import mkdocs.commands.build as mkdocs_build
    import mkdocs.plugins as mkdocs_plugins

    costs: dict[str, list[float]] = collections.defaultdict(lambda: [0, 0.0])
    register = mkdocs_plugins.PluginCollection._register_event

    def timed_register(self, event_name, method, plugin_name=None):
        if isinstance(method, mkdocs_plugins.CombinedEvent):
            return register(self, event_name, method, plugin_name)
        owner = getattr(method, "__self__", None)
        label = f"{event_name}:{type(owner).__name__ if owner is not None else method}"

        @functools.wraps(method)
        def timed(*args, **kwargs):
            start = time.process_time()
            try:
                return method(*args, **kwargs)
            finally:
                cost = costs[label]
                cost[0] += 1
                cost[1] += time.process_time() - start

        return register(self, event_name, timed, plugin_name)

    mkdocs_plugins.PluginCollection._register_event = timed_register
    start = time.process_time()
    build = mkdocs_build.build

    def announced_build(config, *args, **kwargs):
        print(f"{time.process_time() - start:7.1f} s CPU {_rss_mb():6d} MB  MkDocs starts (config loaded)",
              file=sys.stderr)
        return build(config, *args, **kwargs)

    mkdocs_build.build = announced_build
    from plugins.cli.sitebuild import build_site

    code = build_site(Path(argv[0]).resolve(), Path(argv[1]).resolve())
    total = time.process_time() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"total {total:.1f} s CPU, peak RSS {peak} MB, exit {code}", file=sys.stderr)
    in_plugins = 0.0
    for label, (calls, cpu) in sorted(costs.items(), key=lambda item: -item[1][1]):
        in_plugins += cpu
        if cpu > 0.05:
            print(f"  {label:45s} calls {int(calls):6d}  {cpu:7.2f} s", file=sys.stderr)
    print(f"  plugins {in_plugins:.1f} s; rest (MkDocs, Markdown, Jinja, Material, start-up) {total - in_plugins:.1f} s",
          file=sys.stderr)
    from plugins.model.text.hazm_step import hazm_loaded

    print(f"  hazm imported: {hazm_loaded()}", file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
