"""Every adversarial family (tests/namumark/adversarial/families.py) stays within the render budget.

Each family is rendered at two sizes (small here; bench/adversarial_bench.py times 1 MB and 2 MB).
No timing assertions: the work is bounded by counters (nodes, output, substituted text, …) and
the sizes of what comes out.
"""
from __future__ import annotations

import pytest

import htmlcheck
import namumark
from adversarial.families import FAMILIES
from namumark import Budget, Limits, limits
from render_setup import TITLE, memory_context

SIZES = (32 * 1024, 64 * 1024)
# The default ceilings, but 2 MiB of HTML: the well-formedness check of 16 MiB pages would cost
# seconds per family (bench/adversarial_bench.py renders with the defaults).
LIMITS = Limits(output_chars=2 * 1024 * 1024)
# HTML past the cap: the notice and the closing tags of the open section
SLACK = 4 * limits.MAX_NOTICE_SOURCE + 64 * 1024


def render(name: str, size: int):
    source, pages = FAMILIES[name](size)
    context = memory_context({"문서": "본문", **pages})
    html_budget, text_budget = Budget(LIMITS), Budget(LIMITS)
    with htmlcheck.InternalErrors() as errors:
        document = namumark.parse(source)
        result = namumark.render_html(document, context, title=TITLE, budget=html_budget)
        text = namumark.render_text(document, context, title=TITLE, budget=text_budget)
        meta = namumark.metadata(document, title=TITLE)
    return source, result, text, meta, html_budget, text_budget, errors.messages


def test_there_are_at_least_sixty_families_covering_every_markup_finding():
    assert len(FAMILIES) >= 60
    for finding in ("f01-", "f02-", "f03-", "f04-", "f09-", "f10-", "f12-", "f13-"):
        assert any(name.startswith(finding) for name in FAMILIES), finding
    assert any(name.startswith("fuzz-") for name in FAMILIES)


@pytest.mark.parametrize("name", sorted(FAMILIES))
def test_family_stays_within_budget(name):
    work = []
    for size in SIZES:
        source, result, text, meta, hb, tb, errors = render(name, size)
        assert errors == [], (name, errors)  # degraded on purpose, never by an internal error
        html = result.html
        lim = hb.limits
        # output: never past the cap, and linear in the input whenever nothing was refused
        assert len(html) <= lim.output_chars + SLACK, (name, size, len(html))
        if not result.exceeded:
            assert len(html) <= 40 * (len(source) + hb.substituted) + 64 * 1024, (name, size)
        else:
            # past a budget the page says so; it never goes blank
            assert "wiki-budget-notice" in html, (name, result.exceeded)
        assert htmlcheck.problems(html) == [], name
        # search text: bounded by its own cap and linear in what was read
        assert len(text) <= lim.text_chars, (name, size, len(text))
        assert len(text) <= 8 * (len(source) + tb.substituted) + 64 * 1024, (name, size)
        for budget in (hb, tb):
            assert budget.substituted <= lim.substituted_chars
            assert budget.conditions <= lim.condition_chars
            assert budget.highlighted <= lim.highlight_chars
            assert budget.math <= lim.math_chars and budget.formulas <= lim.math_formulas
            assert budget.grid <= lim.grid_area
            assert budget.nodes <= lim.nodes + len(source) + 1
        assert len(meta.links) <= len(source)
        work.append(hb.nodes + hb.output + hb.substituted + tb.nodes + len(text))
    # twice the input costs at most about twice the work (budgets only flatten the curve)
    assert work[1] <= 2.3 * work[0] + 100_000, (name, work)
