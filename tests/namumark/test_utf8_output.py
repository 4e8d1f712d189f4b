"""render_html(..., utf8=True): the same HTML as UTF-8 bytes, grown as bytes (html_sink.py), so a
page of Korean holds its output in half the memory of a str (issue 11: peak ≤ 10× the source)."""
from __future__ import annotations

import gc
import tracemalloc

import namumark
from namumark.budget import Limits
from render_setup import memory_context
from test_unique_ids import corpus_sources

# the bench's 5,000-row table family (bench/namumark_bench.py): three tables, ~1 MB
ROWS = "\n".join(f"||<bgcolor=#fff> {i} || '''값''' || [[문서]] || {{{{{{#red 빨강}}}}}} ||" for i in range(5000))
TABLE = "\n\n".join([ROWS] * 3)


def _both(source: str, **options):
    text = namumark.render_html(namumark.parse(source), memory_context({"문서": "본문"}), title="문서", **options)
    data = namumark.render_html(namumark.parse(source), memory_context({"문서": "본문"}), title="문서", utf8=True, **options)
    return text, data


def test_the_bytes_are_the_html_of_every_corpus_document():
    for name, source in corpus_sources():
        text, data = _both(source)
        assert data.html == "" and isinstance(data.utf8, bytes), name
        assert data.utf8.decode("utf-8") == text.html, name
        assert (data.headings, data.footnotes, data.categories, data.exceeded) == (
            text.headings, text.footnotes, text.categories, text.exceeded), name
        assert text.utf8 is None


def test_a_redirect_and_a_page_cut_by_its_output_budget():
    text, data = _both("#redirect 다른 문서")
    assert data.utf8 == b"" and data.redirect == text.redirect
    # a budget small enough that the page is cut: the cut and its notice are the same
    text, data = _both(ROWS, limits=Limits(output_chars=20_000))
    assert "output" in text.exceeded and data.exceeded == text.exceeded
    assert data.utf8.decode("utf-8") == text.html


def test_a_table_of_korean_cells_stays_under_ten_times_its_source():
    # as a str the HTML alone is ~13x this source (2 bytes a character, tags included); as
    # UTF-8 ~7x, and the pairs of its 10,000 groups and links are held as arrays and one dict
    gc.collect()
    tracemalloc.start()
    try:
        result = namumark.render_html(namumark.parse(TABLE), memory_context({"문서": "본문"}), title="문서", utf8=True)
        peak = tracemalloc.get_traced_memory()[1] / len(TABLE.encode("utf-8"))
    finally:
        tracemalloc.stop()
    assert len(result.utf8) > 6 * len(TABLE.encode("utf-8"))  # the output alone is most of it
    assert peak < 10, peak
