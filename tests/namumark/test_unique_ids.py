"""Every rendered page has unique ids (issue 11 item 9).

Anchors, footnote ids and heading ids made inside the N-th included page carry namu.wiki's
``iN-`` prefix, and repeats on one page (two headings 개요, two [anchor(x)], a note A listed
twice) are made unique. Checked over every corpus document (../shared/corpus/documents, read at
run time) with every include resolved to a template full of ids and two more includes of one
template appended, and over every conformance case. When the corpus is not beside the clone the
documents are generated instead, so the test never skips.
"""
from __future__ import annotations

import dataclasses
import random
import re
from collections import Counter
from pathlib import Path

import namumark
from namumark.context import MemoryContext

import test_conformance

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "documents"

# A template that makes every kind of id: heading-like text, named and numbered notes, anchors.
TEMPLATE = """본문[*A 이름 붙은 주석][* 번호 주석][anchor(닻)][anchor(개요)]
 * 목록[*B 목록 주석]
|| 칸[*A] || [anchor(닻)] ||
[각주]
꼬리[* 끝 주석]"""
_ID = re.compile(r"""\sid=("[^"]*"|'[^']*')""")


@dataclasses.dataclass
class TemplateWorld(MemoryContext):
    """Every page exists; a page nobody wrote is the id-rich template above."""

    def page_exists(self, title: str) -> bool:
        return True

    def page_source(self, title: str) -> str | None:
        return self.pages.get(title, TEMPLATE)


def duplicate_ids(html: str) -> list[str]:
    counts = Counter(m.group(1)[1:-1] for m in _ID.finditer(html))
    return sorted(i for i, n in counts.items() if n > 1)


def render(source: str, context=None, title: str = "시험 문서") -> str:
    context = context if context is not None else TemplateWorld()
    return namumark.render_html(namumark.parse(source), context=context, title=title).html


def corpus_sources() -> list[tuple[str, str]]:
    if CORPUS.is_dir():
        docs = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(CORPUS.iterdir()) if p.is_file()]
        if docs:
            return docs
    return generated_sources()


def generated_sources(count: int = 40) -> list[tuple[str, str]]:
    """Documents built from id-making pieces in a fixed random order (no corpus at hand)."""
    pieces = ["== 개요 ==", "=== 개요 ===", "본문[* 주석]", "[*A 이름][*A]", "[anchor(닻)]", "[각주]",
              "[include(틀:시험)]", "[include(틀:다른 틀)]", " * 목록[*B 주석]", "|| 칸[* 칸 주석] || [anchor(닻)] ||",
              "{{{#!folding 접기\n== 안 ==\n[*A 접힌 주석]}}}", "[목차]", "> 인용[* 인용 주석]"]
    rng = random.Random(11)
    return [("generated-%d" % k, "\n".join(rng.choice(pieces) for _ in range(30))) for k in range(count)]


def test_two_includes_of_one_template_repeat_no_id():
    html = render("[include(틀:시험)]\n[include(틀:시험)]\n[anchor(닻)]\n== 개요 ==\n== 개요 ==")
    assert duplicate_ids(html) == []
    assert 'id="i1-fn-A"' in html and 'id="i2-fn-A"' in html
    assert 'id="i1-닻"' in html and 'id="i2-닻"' in html and 'id="닻"' in html
    assert 'href="#i2-rfn-' in html


def test_every_corpus_document_has_unique_ids():
    sources = corpus_sources()
    assert sources, "no documents to render"
    bad = {}
    for name, source in sources:
        # the document's own includes resolve to the template, plus two more of one template
        html = render(source + "\n[include(틀:시험)]\n[include(틀:시험)]\n[각주]")
        dups = duplicate_ids(html)
        if dups:
            bad[name] = dups[:10]
    assert not bad, f"duplicate ids: {bad}"


def test_generated_documents_have_unique_ids():
    # the fallback inputs are exercised even when the corpus is present
    bad = {name: duplicate_ids(render(src)) for name, src in generated_sources(10)}
    assert not {k: v for k, v in bad.items() if v}


def test_every_conformance_case_has_unique_ids():
    bad = {}
    for case in test_conformance.CASES:
        html, _text, _described = test_conformance.render_case(case)
        dups = duplicate_ids(html)
        if dups:
            bad[case.id] = dups
    assert not bad, f"duplicate ids: {bad}"
