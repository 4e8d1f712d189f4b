"""Coverage-and-cost guided search for markup that is expensive per input byte.

    .venv/bin/python bench/fuzz_cost.py [--examples 400] [--seconds 120]

Hypothesis builds pages from NamuMark fragments (openers, closers, macros, #!if heads, table
cells, syntax blocks, …) and steers, with ``target()``, toward the highest cost per input byte:
the render's work counters (nodes visited, output, substituted text) and its wall time, divided
by the page size (pages of at least 8 KB: below that the fixed cost of a render dominates). It stops after ``--examples`` inputs or ``--seconds``, then prints the worst
inputs it found. The worst finds go into tests/namumark/adversarial/families.py as ``fuzz-``
families (at full size they become the regression tests and the bench rows).

Nothing is asserted: a bench reports what it measured.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

import namumark  # noqa: E402
from namumark import Budget, MemoryContext  # noqa: E402

FRAGMENTS = [
    "[[", "]]", "[[a|", "[*", "]", "{{{", "}}}", "{{{#!wiki style=\"margin:-5px\"\n", "{{{#!folding x\n",
    "{{{#!if a=\"xx\", a=a+a\n", "@a@", "@b=기본@", "{{{#!syntax java\n", "{{{#!syntax python\n",
    "{{{#!html <b>", "</b>}}}", "||", "||<-5><|5>", "||<colbgcolor=red>", "|캡션|", "\n", " \n", " * ",
    " 1. ", ">", "'''", "''", "__", "~~", "--", "^^", ",,", "{{{+1 ", "{{{#red ", "[목차]", "[각주]",
    "[math(\\frac{a}{b})]", "<math>x</math>", "[include(틀:t, a=", ")]", "[br]", "[youtube(x)]",
    "== 제목 ==\n", "##", "\\", "가", "a", " ", "#", "(", ")", ",", "=", "\t",
]
MIN_BYTES = 8 * 1024
CONTEXT = MemoryContext(pages={"틀:t": "@a@ {{{#!if a != null\n@a@ @a@\n}}} [* 각주]\n" * 5})


def cost(source: str) -> tuple[float, float]:
    """(work units per byte, seconds per KB) of parse + render_html + render_text."""
    html_budget, text_budget = Budget(), Budget()
    t0 = time.perf_counter()
    doc = namumark.parse(source)
    namumark.render_html(doc, CONTEXT, title="퍼즈", budget=html_budget)
    namumark.render_text(doc, CONTEXT, title="퍼즈", budget=text_budget)
    seconds = time.perf_counter() - t0
    size = max(1, len(source.encode()))
    work = (html_budget.nodes + html_budget.output + html_budget.substituted
            + text_budget.nodes + text_budget.output)
    return work / size, seconds * 1024 / size


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--examples", type=int, default=400)
    ap.add_argument("--seconds", type=float, default=120.0)
    ap.add_argument("--repeat-max", type=int, default=400, help="copies of the generated unit (at least 8 KB)")
    args = ap.parse_args()

    from hypothesis import HealthCheck, given, settings, target
    from hypothesis import strategies as st

    worst: list[tuple[float, float, str]] = []
    deadline = time.monotonic() + args.seconds

    unit = st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=24).map("".join)

    @settings(max_examples=args.examples, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(unit=unit, copies=st.integers(min_value=1, max_value=args.repeat_max))
    def search(unit: str, copies: int) -> None:
        if time.monotonic() > deadline:
            return
        # at least MIN_BYTES: per-byte figures of tiny pages only measure the fixed cost
        source = unit * max(copies, -(-MIN_BYTES // max(1, len(unit.encode()))))
        per_byte, s_per_kb = cost(source)
        target(per_byte, label="work per byte")
        target(s_per_kb, label="seconds per KB")
        worst.append((s_per_kb, per_byte, unit, len(source) // max(1, len(unit))))

    cost("''b'' [[up]] {{{#!syntax java\nx\n}}} [math(x)]")  # imports and lexers load once
    search()
    worst.sort(reverse=True)
    print(f"== fuzz_cost: {len(worst)} inputs in ≤{args.seconds:.0f} s")
    print("  worst by time:    s/KB   work/byte  unit × copies")
    for s_per_kb, per_byte, unit, copies in worst[:8]:
        print(f"  {s_per_kb:19.4f} {per_byte:10.1f}  {unit!r} × {copies}")
    by_work = sorted(worst, key=lambda w: w[1], reverse=True)[:5]
    print("  worst by work per byte:")
    for s_per_kb, per_byte, unit, copies in by_work:
        print(f"  {s_per_kb:19.4f} {per_byte:10.1f}  {unit!r} × {copies}")


if __name__ == "__main__":
    main()
