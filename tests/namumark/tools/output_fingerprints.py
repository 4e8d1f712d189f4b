"""Fingerprints of namumark's output over many inputs, to show that a refactoring changes nothing.

    .venv/bin/python tests/namumark/tools/output_fingerprints.py write before.json
    ... change the code (or run the same command in another checkout) ...
    .venv/bin/python tests/namumark/tools/output_fingerprints.py write after.json
    .venv/bin/python tests/namumark/tools/output_fingerprints.py compare before.json after.json

Each input's fingerprint hashes its HTML (with headings, notes, categories, redirect), its text,
its metadata and text_and_references, each from a fresh parse. The inputs: the corpus articles
and their first halves, the help pages, the bench's pathological families, the adversarial
families and every conformance case (1,022 in all in December 2026). The clock is fixed and hash
seeds are pinned, so two runs of one version agree.

Options of ``write`` that make the part-at-a-time paths run on ordinary inputs (the strongest
check that what is made again equals what a whole parse makes): ``--tiny-paragraphs N`` (every
paragraph of 16+ characters read N nodes at a time), ``--tiny-pages N`` (every page keeps N
top-level blocks), ``--adversarial-size BYTES`` (default 20,000; 150,000 reaches the long paths).
With parts of very few nodes a page past its output budget may be cut at another place.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import sys
from pathlib import Path

if os.environ.get("PYTHONHASHSEED") != "0":  # set orders (a page's links) must not vary by run
    os.environ["PYTHONHASHSEED"] = "0"
    os.execv(sys.executable, [sys.executable, *sys.argv])

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
sys.path[:0] = [str(REPO / "src"), str(REPO / "bench"), str(HERE.parent)]

import namumark  # noqa: E402
import namumark_bench  # noqa: E402
import conformance_cases  # noqa: E402
from adversarial.families import FAMILIES  # noqa: E402
from namumark.context import MemoryContext  # noqa: E402

KST = dt.timezone(dt.timedelta(hours=9))
FIXED_NOW = dt.datetime(2026, 7, 17, 12, 0, tzinfo=KST)


def _fixed_now(self):
    return self.clock if self.clock is not None else FIXED_NOW


def fingerprint(source: str, context, title: str) -> str:
    html = namumark.render_html(namumark.parse(source), context=context(), title=title)
    text = namumark.render_text(namumark.parse(source), context=context(), title=title)
    meta = namumark.metadata(namumark.parse(source), title=title)
    plain, refs = namumark.text_and_references(namumark.parse(source), title=title)
    digest = hashlib.sha256()
    for part in (html.html, html.headings, html.footnotes, html.categories, html.redirect, text, meta,
                 plain, refs.links, refs.files, refs.categories, refs.includes, refs.redirect):
        digest.update((part if isinstance(part, str) else repr(part)).encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def inputs(adversarial_size: int):
    """(name, source, context factory, title) of every input."""
    bench_context = namumark_bench.make_context
    corpus = namumark_bench.find_corpus(None)
    for path in sorted(corpus.iterdir()) if corpus else ():
        source = path.read_text(encoding="utf-8")
        yield "corpus:" + path.name, source, bench_context, "벤치"
        yield "corpus-half:" + path.name, source[: len(source) // 2], bench_context, "벤치"
    help_pages = REPO.parent / "shared" / "corpus" / "help"
    for path in sorted(help_pages.rglob("*")) if help_pages.is_dir() else ():
        if path.is_file():
            yield "help:" + path.name, path.read_text(encoding="utf-8", errors="replace"), bench_context, "나무위키:문법 도움말"
    for name, source in namumark_bench.pathological(200_000).items():
        yield "bench:" + name, source, bench_context, "벤치"
    for name, make in FAMILIES.items():
        source, pages = make(adversarial_size)

        def with_pages(pages=pages):
            context = bench_context()
            context.pages.update(pages)
            return context
        yield "adversarial:" + name, source, with_pages, "벤치"
    for case in conformance_cases.load_all_cases():
        yield (f"case:{case.file}:{case.name}", case.input,
               lambda case=case: conformance_cases.build_context(case), conformance_cases.case_title(case))


def write(args) -> int:
    MemoryContext.now = _fixed_now
    if args.tiny_paragraphs:
        import namumark.blocks
        import namumark.paragraph_runs
        namumark.blocks.LONG_PARAGRAPH_CHARS = 16
        namumark.paragraph_runs.RUN_NODES = args.tiny_paragraphs
    if args.tiny_pages:
        import namumark.top_blocks
        namumark.top_blocks.LONG_DOCUMENT_CHARS = 0
        namumark.top_blocks.EAGER_BLOCKS = args.tiny_pages
    found = {}
    for name, source, context, title in inputs(args.adversarial_size):
        try:
            found[name] = fingerprint(source, context, title)
        except Exception as error:  # a crash is a result too: it must not change either
            found[name] = "error: " + repr(error)
    Path(args.out).write_text(json.dumps(found, ensure_ascii=False, indent=0), encoding="utf-8")
    print(f"{len(found)} fingerprints written to {args.out}")
    return 0


def compare(args) -> int:
    a, b = (json.loads(Path(p).read_text(encoding="utf-8")) for p in (args.a, args.b))
    differ = [name for name in a if name in b and a[name] != b[name]]
    only = sorted(set(a) ^ set(b))
    print(f"{len(a)} inputs, {len(differ)} differ, {len(only)} in one file only")
    for name in differ[:40] + only[:10]:
        print("  ", name)
    return 1 if differ or only else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    w = sub.add_parser("write", help="fingerprint every input into a JSON file")
    w.add_argument("out")
    w.add_argument("--adversarial-size", type=int, default=20_000)
    w.add_argument("--tiny-paragraphs", type=int, default=0, metavar="N")
    w.add_argument("--tiny-pages", type=int, default=0, metavar="N")
    c = sub.add_parser("compare", help="list the inputs whose fingerprints differ")
    c.add_argument("a")
    c.add_argument("b")
    args = parser.parse_args()
    return write(args) if args.command == "write" else compare(args)


if __name__ == "__main__":
    sys.exit(main())
