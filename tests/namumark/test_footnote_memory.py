"""What a render holds for its footnotes, ids and links (issue 11, peak memory ≤ 10× the source):
notes waiting for their list are slotted objects, the fn-N / rfn-N ids taken are bits, the
page keeps no URL per link target. Peaks are measured with tracemalloc; ids must stay as unique
as they were with a set of strings."""
from __future__ import annotations

import dataclasses
import gc
import pickle
import random
import re
import tracemalloc

import namumark
from namumark.context import MemoryContext
from namumark.html_ids import PageIds
from namumark.results import Footnote


def _peak_times_source(source: str) -> float:
    """Peak traced bytes of parse + render_html, as a multiple of the source's UTF-8 size. A
    first render warms the process-wide caches (escape.quote) so only this render is counted."""
    context = MemoryContext(assume_exists=False)
    namumark.render_html(namumark.parse(source), context, title="시험")
    gc.collect()
    tracemalloc.start()
    try:
        namumark.render_html(namumark.parse(source), context, title="시험")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return peak / len(source.encode("utf-8"))


def _article(sections: int = 60) -> str:
    """Like the corpus's largest document: sections of lists full of links and notes."""
    parts = []
    for s in range(sections):
        parts.append(f"== {s}번째 역사 ==\n")
        for k in range(6):
            parts.append(f" * {s}-{k} 항목: [[{s}번 문서 {k}|링크 {k}]]와 [[다른 문서 {s}-{k}]]를 "
                         f"보라.[* 출처 {s}-{k}, 참고 문헌]\n")
        parts.append(f"'''{s}번''' 문단은 [[문서 {s}#개요]] 이야기다. [anchor(a{s})] 설명이 이어진다.\n\n")
    return "".join(parts) + "[각주]"


def test_ten_thousand_notes_stay_under_their_old_peak():
    source = "".join(f"[* 각주 {i} 내용이 조금 있는 각주]" for i in range(10_000)) + "\n[각주]"
    # a list per note, a string per id taken and per marker held 33.3x; now 26.7x
    assert _peak_times_source(source) < 30


def test_an_article_of_lists_links_and_notes_stays_under_its_old_peak():
    # a URL per link target kept for the whole render, ids as strings: 30.8x; now 27.2x
    assert _peak_times_source(_article()) < 29


def test_the_result_lists_every_note_with_its_id_label_and_text():
    source = "가[* 첫째] 나[*이름 둘째] 다[*이름] 라[* 넷째 ''기울임'']\n[각주]\n마[*  다섯째 ]"
    result = namumark.render_html(namumark.parse(source))
    assert result.footnotes == [Footnote("fn-1", "1", "첫째"), Footnote("fn-이름", "이름", "둘째"),
                                Footnote("fn-4", "4", "넷째 기울임"), Footnote("fn-5", "5", "다섯째")]
    note = result.footnotes[0]
    assert not hasattr(note, "__dict__")  # slots: nothing per note beyond its three fields
    assert pickle.loads(pickle.dumps(note)) == note and hash(note) == hash(Footnote("fn-1", "1", "첫째"))
    assert dataclasses.asdict(note) == {"id": "fn-1", "label": "1", "text": "첫째"}


def _ids(html: str) -> list[str]:
    return re.findall(r' id="([^"]*)"', html)


def test_numbered_ids_taken_first_by_anchors_stay_unique():
    # anchors take rfn-2 and fn-3 before the notes do; fn-01, fn-0 and a huge number are
    # other ids (not the bits of 1, 0 or a number past the notes' limit)
    source = ("[anchor(rfn-2)][anchor(fn-3)][anchor(fn-01)][anchor(fn-0)][anchor(rfn-99999999999)]"
              "[anchor(rfn-20001)][anchor(fn-٣)]"
              "가[* 하나] 나[* 둘] 다[* 셋] 라[*0 영] 마[*01 영일] 바[*99999999999 큰 수]\n[각주]")
    html = namumark.render_html(namumark.parse(source)).html
    ids = _ids(html)
    assert len(ids) == len(set(ids))
    assert ids[:7] == ["rfn-2", "fn-3", "fn-01", "fn-0", "rfn-99999999999", "rfn-20001", "fn-٣"]
    # the markers: rfn-2 and the anchors' numbers got a suffix, the others are plain
    assert ids[7:13] == ["rfn-1", "rfn-2-2", "rfn-3", "rfn-4", "rfn-5", "rfn-6"]
    result = namumark.render_html(namumark.parse(source))
    assert [n.id for n in result.footnotes] == ["fn-1", "fn-2", "fn-3-2", "fn-0-2", "fn-01-2",
                                                "fn-99999999999"]
    # each back-link of the list points at its marker's real id
    assert 'href="#rfn-2-2"' in html and 'href="#rfn-2"' not in html


def test_page_ids_answer_as_a_set_of_strings_would():
    rng = random.Random(11)
    words = ["fn-", "rfn-", "fn-0", "fn-00", "rfn-0", "fn-1", "rfn-1", "fn-10", "fn-20000", "fn-20001",
             "rfn-20000", "fn-999999999", "fn-1234567890", "fn-1-2", "fn-x", "f", "r", "rf", "s-1",
             "toc", "", "fn-\u0661", "fnx1", "rfnx1", "i1-fn-1", "FN-1", "fn- 1", "fn-+1", "fn-１"]
    words += ["fn-%d" % rng.randrange(25_000) for _ in range(300)]
    words += ["rfn-%d" % rng.randrange(25_000) for _ in range(300)]
    ids, reference = PageIds(), set()
    for _ in range(3000):
        word = rng.choice(words)
        assert (word in ids) == (word in reference), word
        r = rng.random()
        if r < 0.3:
            ids.add(word)
            reference.add(word)
        elif r < 0.6:
            assert ids.take(word) == (word not in reference), word
            reference.add(word)
    assert all((w in ids) == (w in reference) for w in words)
    # the numbered ones are bits, not strings
    few = PageIds()
    few.update(["fn-1", "rfn-7", "fn-00", "s-1"])
    assert few.names == {"fn-00", "s-1"} and "fn-1" in few and "rfn-7" in few and "fn-7" not in few
