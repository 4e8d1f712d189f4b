"""The render budget, one kind at a time, with small limits: past a budget the construct shows its
escaped source under a visible notice; nothing raises, nothing renders empty."""
from __future__ import annotations

import namumark
from namumark import Budget, Limits, MemoryContext
from namumark.budget import notice_text
from namumark.highlight import quadratic_risk


def html_of(source, limits=None, pages=None, budget=None):
    ctx = MemoryContext(pages=pages or {})
    return namumark.render_html(namumark.parse(source), ctx, title="시험", limits=limits, budget=budget)


def test_output_past_the_cap_keeps_what_fits_then_shows_the_rest_as_source():
    source = "\n----\n".join(f"문단 {i} '''굵게'''" for i in range(200)) + "\n----\n<script>끝</script>"
    result = html_of(source, Limits(output_chars=3000))
    assert result.exceeded == ["output"]
    html = result.html
    assert "문단 0 <strong>굵게</strong>" in html  # what fitted is rendered
    assert notice_text("output") in html  # then the notice …
    assert "'''굵게'''" in html  # … and the rest as escaped source
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert len(html) < 3000 + 4096 + 500


def test_each_toc_copy_is_paid_before_it_is_added():
    heads = "".join(f"== 제목 {i} ==\n" for i in range(50))
    result = html_of(heads + "[목차]\n" * 100, Limits(output_chars=20_000))
    assert "toc" in result.exceeded
    copies = result.html.count('<div class="wiki-macro-toc"')
    assert 1 <= copies < 20
    assert notice_text("toc") in result.html


def test_if_variables_past_the_substitution_budget_show_the_block_source():
    source = '{{{#!if a="' + "x" * 1000 + '", a=a+a, a=a+a\n' + "@a@" * 100 + "\n}}}"
    result = html_of(source, Limits(substituted_chars=50_000))
    assert result.exceeded == ["substitution"]
    assert notice_text("substitution") in result.html
    assert "@a@" in result.html and "x" * 4000 not in result.html


def test_include_limits_apply_after_the_arguments_are_substituted():
    pages = {"틀:t": "@a@" * 10_000}  # 30 KB of template, 10 MB once substituted
    result = html_of("[include(틀:t, a=" + "y" * 1000 + ")]", pages=pages)
    assert result.exceeded == ["substitution", "include"]
    assert notice_text("include") in result.html and "y" * 2000 not in result.html
    small = html_of("[include(틀:t, a=y)]", pages=pages)
    assert small.exceeded == [] and "y" * 10_000 in small.html


def test_condition_expressions_are_budgeted():
    source = "".join('{{{#!if "a" == "a"\n참\n}}}\n' for _ in range(20))
    result = html_of(source, Limits(condition_chars=100))
    assert result.exceeded == ["condition"]
    assert "참" in result.html and notice_text("condition") in result.html


def test_syntax_blocks_at_risk_of_quadratic_lexing_are_plain():
    assert quadratic_risk(" \n" * 200) and quadratic_risk("a " * 200) and quadratic_risk("a\n" * 200)
    assert not quadratic_risk(open(namumark.__file__, encoding="utf-8").read())
    risky = html_of("{{{#!syntax java\n" + "a\n" * 5000 + "}}}")
    assert "highlight" in risky.exceeded and "syn-" not in risky.html
    fine = html_of("{{{#!syntax python\nprint('x')\n}}}")
    assert fine.exceeded == [] and "syn-" in fine.html
    past = html_of("{{{#!syntax python\nprint('x')\n}}}\n" * 3, Limits(highlight_chars=15))
    assert past.html.count(notice_text("highlight")) == 2


def test_math_past_its_budget_shows_the_tex():
    result = html_of("[math(x^2)]" * 5, Limits(math_formulas=2))
    assert result.html.count("<math") == 2
    assert result.html.count("[math(x^2)]") == 3 and result.exceeded == ["math"]


def test_table_grid_area_is_capped():
    source = "||<-100><|100> 큰 칸 ||\n" + "|| x ||\n" * 99
    result = html_of(source, Limits(table_area=5000))
    assert result.exceeded == ["table"] and "<table" not in result.html
    assert "||&lt;-100&gt;&lt;|100&gt; 큰 칸 ||" in result.html
    assert html_of(source).exceeded == []  # 10,000 cells fit the default


def test_html_islands_are_budgeted():
    result = html_of("{{{#!html <b>a</b>}}}" * 3, Limits(html_chars=20))
    assert result.html.count("<b>a</b>") == 2 and result.exceeded == ["html"]


def test_nodes_are_budgeted():
    result = html_of("\n\n".join("''a'' [[b]]" for _ in range(100)), Limits(nodes=50))
    assert result.exceeded == ["nodes"] and notice_text("nodes") in result.html


def test_search_text_is_bounded_by_its_own_cap():
    source = '{{{#!if a="' + "가" * 1000 + '", a=a+a, a=a+a, a=a+a\n' + "@a@ " * 300 + "\n}}}"
    text = namumark.render_text(namumark.parse(source), limits=Limits(text_chars=10_000))
    assert len(text) <= 10_000
    budget = Budget()
    unlimited = namumark.render_text(namumark.parse(source), budget=budget)
    assert budget.substituted <= budget.limits.substituted_chars
    assert len(unlimited) <= budget.limits.text_chars


def test_an_ordinary_page_spends_little_and_reports_nothing():
    budget = Budget()
    result = html_of("== 제목 ==\n[목차]\n본문 [* 각주] [math(x)]\n{{{#!syntax python\nx = 1\n}}}\n|| a || b ||",
                     budget=budget)
    assert result.exceeded == [] and "wiki-budget" not in result.html
    assert budget.output >= len(result.html) > 0  # metered pieces: an upper bound
    assert budget.formulas == 1 and budget.highlighted == len("x = 1") and budget.grid == 2
