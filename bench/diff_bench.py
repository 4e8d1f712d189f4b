"""Diffs, merges, blame and search on texts of repeated lines (issue 6, findings 5–7).

Each (family, size) runs in a fresh child process with its own SQLite data folder, so its peak
memory is its own; the parent prints the wall time of the timed operation and the child's peak
RSS growth over its set-up. ``--src`` points the children at another checkout's ``src/`` (e.g. the
code before the fix: ``git worktree add /tmp/orig 1504b25`` then ``--src /tmp/orig/src``); a child
that runs past ``--timeout`` is stopped and reported as such.

Families (the text is ``LINE`` repeated up to the size):
  merge            merge3 alone: one side changed a line at 1/3, the other one at 2/3
  merge-scattered  the same, one side changing every 40th line, the other every 40th from the 20th
  save             the stale-base save of ``merge`` (edit_page: merge, parse, write), r2 being theirs
  save-scattered   the same for ``merge-scattered``
  diff             GET /diff between r1 and r2 (every 40th line changed), first view (not cached)
  diff-cached      the same view, asked a second time
  blame            GET /blame of r6, each of r2…r6 changing a few scattered lines
  search           GET /Search?q=aaa…a (199 characters) on a page of that size made of "a" lines

    .venv/bin/python bench/diff_bench.py [--sizes 10,100,1000] [--families merge,diff] [--src DIR]
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINE = "x\n"  # short lines: the most lines per byte, the worst case of a line diff
FAMILIES = ["merge", "merge-scattered", "save", "save-scattered", "diff", "diff-cached", "blame", "search"]


def repeated(kb: int) -> list[str]:
    return [LINE] * max(3, kb * 1024 // len(LINE.encode()))


def changed(lines: list[str], positions, tag: str) -> str:
    out = list(lines)
    for p in positions:
        out[p] = f"{tag} {p}번 줄을 고쳤습니다.\n"
    return "".join(out)


def child(family: str, kb: int, src: str) -> dict:
    sys.path.insert(0, src)
    os.environ["SEEDWIKI_DATA"] = tempfile.mkdtemp(prefix="seedwiki-diff-bench-")
    os.environ["DJANGO_SETTINGS_MODULE"] = "seedwiki.settings"
    os.environ.pop("SEEDWIKI_DATABASE_URL", None)
    os.environ.pop("SEEDWIKI_REDIS_URL", None)
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from seedwiki.documents.services import ConflictError, edit_page

    call_command("migrate", verbosity=0)
    client = Client()
    lines = repeated(kb)
    n = len(lines)
    title = "반복"
    edit_page(title, "".join(lines), author_name="처음")
    if family.startswith(("merge", "save")):
        scattered = family.endswith("-scattered")
        theirs = range(0, n, 40) if scattered else [n // 3]
        yours = range(20, n, 40) if scattered else [2 * n // 3]
        their_text, your_text = changed(lines, theirs, "그쪽"), changed(lines, yours, "내쪽")
        if family.startswith("merge"):  # the three-way merge alone
            from seedwiki.documents.services.merge import merge3

            operation = lambda: type("R", (), {"merged": merge3("".join(lines), their_text, your_text).clean})  # noqa: E731
        else:  # the whole stale-base save (the merge, the parse of the merged text, the write)
            edit_page(title, their_text, author_name="그쪽", base_rev=1)
            operation = lambda: edit_page(title, your_text, author_name="나", base_rev=1)  # noqa: E731
    elif family.startswith("diff"):
        edit_page(title, changed(lines, range(0, n, 40), "고침"), author_name="둘째", base_rev=1)
        url = f"/diff/{title}?rev=2&oldrev=1"
        if family == "diff-cached":
            client.get(url)
        operation = lambda: client.get(url)  # noqa: E731
    elif family == "blame":
        for number in range(2, 7):
            edit_page(title, changed(lines, range(number * 7, n, max(50, n // 20)), f"r{number}"),
                      author_name=f"저자{number}", base_rev=number - 1)
        operation = lambda: client.get(f"/blame/{title}")  # noqa: E731
    elif family == "search":
        # One long paragraph of one letter: every trigram of the term occurs everywhere in the page.
        edit_page(title, ("a" * 1000 + "\n") * max(1, kb * 1024 // 1001), author_name="둘째", base_rev=1)
        term = "a" * 199
        operation = lambda: client.get("/Search", {"q": term})  # noqa: E731
    else:
        raise SystemExit(f"unknown family {family}")
    edit_page("데우기", "가\n", author_name="처음")  # the first request of a process pays for imports
    edit_page("데우기", "나\n", author_name="처음", base_rev=1)
    client.get("/diff/데우기?rev=2")
    client.get("/blame/데우기")
    client.get("/Search", {"q": "데우기"})
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    try:
        result = operation()
    except ConflictError:
        result = None
    seconds = time.perf_counter() - start
    status = getattr(result, "status_code", None)
    if result is None:
        status = "conflict"
    elif status is None:
        status = "merged" if getattr(result, "merged", False) else "conflict"
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"seconds": seconds, "peak_mb": (rss_after - rss_before) / 1024, "status": status}


def run_one(family: str, kb: int, src: str, timeout: float) -> dict:
    command = [sys.executable, __file__, "--child", family, str(kb), "--src", src]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"seconds": None, "peak_mb": None, "status": f"> {timeout:.0f} s (stopped)"}
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["?"])[-1]
        return {"seconds": None, "peak_mb": None, "status": f"error: {last[:80]}"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10,100,1000", help="KB, comma-separated")
    parser.add_argument("--families", default=",".join(FAMILIES))
    parser.add_argument("--src", default=str(ROOT / "src"))
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--child", nargs=2, metavar=("FAMILY", "KB"))
    args = parser.parse_args()
    if args.child:
        family, kb = args.child
        print(json.dumps(child(family, int(kb), args.src)))
        return 0
    print(f"src: {args.src}")
    print(f"{'family':<16} {'size':>8} {'seconds':>9} {'peak MB':>8}  result")
    for family in args.families.split(","):
        for kb in (int(s) for s in args.sizes.split(",")):
            r = run_one(family, kb, args.src, args.timeout)
            seconds = f"{r['seconds']:.3f}" if r["seconds"] is not None else "-"
            peak = f"{r['peak_mb']:.0f}" if r["peak_mb"] is not None else "-"
            print(f"{family:<16} {kb:>6}KB {seconds:>9} {peak:>8}  {r['status']}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
