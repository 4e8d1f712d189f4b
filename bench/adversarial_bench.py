"""Adversarial families at the page limit: time and memory per family, and how they grow.

    .venv/bin/python bench/adversarial_bench.py [--sizes 1024,2048] [--only f01,f04] \
        [--src PATH/src] [--timeout 30] [--memory-mb 3000]

For every family of tests/namumark/adversarial/families.py, at each size (KB; default 1 MB and
2 MB, the page limit) one child process parses the page and renders it as HTML and as search
text, and reports the CPU seconds this took (process time: on a shared machine wall time
mostly measures the neighbours; the JSON output keeps both) and the growth of its resident
memory (max RSS after minus before). Then the ratio time(2×)/time(1×). A child that passes ``--timeout`` seconds or
``--memory-mb`` of address space is stopped and shown as such.

``--src`` renders with another copy of the package: ``git worktree add /tmp/orig 1504b25`` then
``--src /tmp/orig/src`` gives the figures before the render budget (issue 6).

Targets (issue 6): every family at 2 MB under 2 s and +300 MB, ratio ≤ 2.3. Nothing is asserted:
it prints what it measured.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FAMILIES_DIR = REPO / "tests" / "namumark"

CHILD = r"""
import json, resource, sys, time
src, families_dir, name, size, memory = sys.argv[1:6]
sys.path[:0] = [src, families_dir]
resource.setrlimit(resource.RLIMIT_AS, (int(memory) << 20, int(memory) << 20))
from adversarial.families import FAMILIES
import namumark
from namumark.context import MemoryContext
source, pages = FAMILIES[name](int(size))
context = MemoryContext(pages={"문서": "본문", **pages})
namumark.render_html(namumark.parse("'''warm''' [[up]]"), context)
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t0 = time.perf_counter()
c0 = time.process_time()
try:
    doc = namumark.parse(source)
    html = namumark.render_html(doc, context, title="벤치").html
    text = namumark.render_text(doc, context, title="벤치")
    status = "ok"
except MemoryError:
    html = text = ""
    status = "MemoryError"
seconds = time.perf_counter() - t0
cpu = time.process_time() - c0
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": cpu, "wall": seconds, "rss_mb": (after - before) / 1024, "html": len(html),
                  "text": len(text), "bytes": len(source.encode()), "status": status}))
"""


def run_one(src: str, name: str, size: int, timeout: float, memory_mb: int) -> dict:
    try:
        proc = subprocess.run([sys.executable, "-c", CHILD, src, str(FAMILIES_DIR), name, str(size),
                               str(memory_mb)], capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"status": f">{timeout:.0f}s wall", "seconds": None, "rss_mb": None}
    lines = proc.stdout.strip().splitlines()
    if proc.returncode != 0 or not lines:
        err = (proc.stderr.strip().splitlines() or ["?"])[-1]
        return {"status": "MemoryError" if "MemoryError" in err else "error: " + err[:60],
                "seconds": None, "rss_mb": None}
    return json.loads(lines[-1])


def fmt(r: dict) -> str:
    if r.get("seconds") is None or r.get("status") != "ok":
        return f"{r['status']:>18s}"
    return f"{r['seconds']:7.2f}s {r['rss_mb']:+7.0f}MB"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1024,2048", help="sizes in KB, comma-separated")
    ap.add_argument("--only", default="", help="comma-separated substrings of family names")
    ap.add_argument("--src", default=str(REPO / "src"), help="the namumark package's parent")
    ap.add_argument("--timeout", type=float, default=30.0)
    ap.add_argument("--memory-mb", type=int, default=3000)
    ap.add_argument("--json", default="", help="also write the results to this file")
    args = ap.parse_args()
    sys.path.insert(0, str(FAMILIES_DIR))
    from adversarial.families import FAMILIES

    sizes = [int(s) * 1024 for s in args.sizes.split(",")]
    wanted = [w for w in args.only.split(",") if w]
    names = [n for n in FAMILIES if not wanted or any(w in n for w in wanted)]
    print(f"== adversarial families ({len(names)}) with {args.src}; "
          f"sizes {', '.join(str(s // 1024) + ' KB' for s in sizes)}")
    print(f"  {'family':34s}" + "".join(f"{str(s // 1024) + ' KB':>19s}" for s in sizes)
          + "   ratio  target")
    results = {}
    misses = 0
    for name in names:
        row = [run_one(args.src, name, size, args.timeout, args.memory_mb) for size in sizes]
        results[name] = row
        ratio = ""
        first, last = row[0], row[-1]
        if len(row) > 1 and first.get("seconds") and last.get("seconds"):
            ratio = "%7.2f" % (last["seconds"] / max(first["seconds"], 1e-3))
        ok = (last.get("status") == "ok" and last["seconds"] < 2.0 and last["rss_mb"] < 300
              and (not ratio or float(ratio) <= 2.3 or last["seconds"] < 0.2))
        misses += not ok
        print(f"  {name:34s}" + "".join(fmt(r) for r in row) + f" {ratio:>7s}  {'ok' if ok else 'MISS'}",
              flush=True)
    print(f"== {len(names) - misses} of {len(names)} families meet the target "
          "(2 s, +300 MB, ratio ≤ 2.3 — the ratio is not judged under 0.2 s)")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
