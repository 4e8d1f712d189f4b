"""How the parser and the renderer hold their data (issue 11, peak memory): bracket and brace
pairs live in arrays of machine integers, and the page's output is moved into one string as it
is rendered. Both must behave exactly like the dicts and the single join they replace."""
from __future__ import annotations

from array import array

import pytest

import namumark
from namumark import Budget, Limits, MemoryContext, html_sink
from namumark.html_sink import PageSink
from namumark.pairs import PairMap, Pairs


@pytest.mark.parametrize("dense", [False, True])
def test_pairs_read_alike_from_arrays_and_dicts(dense):
    # a page dense with pairs holds them in arrays, an ordinary page in plain dicts
    text = "[* a [b] ] [[c]] [open {{{#!wiki\nx\n}}} {{{raw}}} {{{never"
    text += " [[d]] [e] {{{f}}}" * 400 if dense else " " * 10_000
    p = Pairs(text)
    kind = PairMap if dense else dict
    assert all(type(m) is kind for m in (p.bracket, p.link, p.brace, p.raw))
    star = text.index("[*")
    assert p.bracket.get(star) == text.index("] [[")
    assert p.bracket[text.index("[b")] == text.index("b]") + 1
    assert p.link.get(text.index("[[c")) == text.index("]]")
    # an opener that never closes, or a position holding no opener, has no pair
    assert p.bracket.get(text.index("[open")) is None
    assert text.index("[open") not in p.bracket
    assert p.bracket.get(1) is None and p.brace.get(text.index("{{{never")) is None
    with pytest.raises(KeyError):
        p.bracket[text.index("[open")]
    wiki, raw = text.index("{{{#!wiki"), text.index("{{{raw")
    assert p.brace[wiki] == text.index("}}} {{{raw") and p.brace[raw] == text.index("}}} {{{never")
    assert raw in p.raw and wiki not in p.raw
    assert list(p.openers)[:2] == [wiki, raw]
    assert p.brace.get(wiki) == text.index("}}} {{{raw")
    assert len(p.brace) == (402 if dense else 2)


def test_deeply_nested_pairs_are_held_in_machine_integer_arrays():
    depth = 2000
    p = Pairs("[* " * depth + "x" + "]" * depth + "{{{+1 " * depth + "y" + "}}}" * depth)
    assert type(p.bracket) is PairMap and type(p.brace) is PairMap
    assert isinstance(p.bracket.at, array) and p.bracket.at.itemsize <= 8
    assert p.bracket[0] == 4 * depth and p.bracket[3 * (depth - 1)] == 3 * depth + 1
    first_brace = 4 * depth + 1
    assert p.brace[first_brace] == len(p.text) - 3
    assert len(p.brace) == depth and len(p.bracket) == depth


def test_sink_moves_only_metered_pieces_and_keeps_their_order():
    budget = Budget()
    sink = PageSink(budget)
    sink.extend(["<p>", "가나", "</p>"])
    budget.meter(sink)
    sink.append("not metered yet")
    sink.spill()
    assert list(sink) == ["not metered yet"]
    sink.append("!")
    budget.meter(sink)
    assert budget.output == len("<p>가나</p>not metered yet!")  # nothing counted twice
    assert sink.finish() == "<p>가나</p>not metered yet!"
    assert list(sink) == []


@pytest.mark.parametrize("limits", [None, Limits(output_chars=5000)])
def test_spilling_renders_the_same_page_as_one_join(monkeypatch, limits):
    source = "\n".join(f"== 제목 {i} ==\n문단 '''{i}''' [[문서{i}]] [* 각주 {i}]\n|| 칸 {i} || 둘 ||"
                       for i in range(300)) + "\n[각주]"

    def render():
        ctx = MemoryContext(pages={"문서1": "x"})
        return namumark.render_html(namumark.parse(source), ctx, title="시험", limits=limits)

    spilled = render()
    monkeypatch.setattr(html_sink, "SPILL_PIECES", 10**9)  # never spill: one join at the end
    joined = render()
    assert spilled.html == joined.html
    assert spilled.exceeded == joined.exceeded
    assert len(spilled.html) > 20_000 or spilled.exceeded == ["output"]
