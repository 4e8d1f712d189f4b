"""The #!if expression language (namumark.conditions)."""
import pytest

from namumark.conditions import evaluate, evaluate_with_bindings, to_text, truthy


@pytest.mark.parametrize(
    "expr, expected",
    [
        ("1", True),
        ("0", False),
        ("null", False),
        ("undefined", False),
        ("true", True),
        ("false", False),
        ("''", False),
        ('"x"', True),
        ("!null", True),
        ("!!'a'", True),
        ("1 == 1", True),
        ("1 != 1", False),
        ("'a' == 'a'", True),
        ("'a' == \"b\"", False),
        ("null == null", True),
        ("'' == null", False),
        ("'1' == 1", True),
        ("'1' === 1", False),
        ("1 === 1", True),
        ("(1 == 1) && (2 == 2)", True),
        ("1 && 0", False),
        ("1 & 1", True),  # the seed's templates write AND with one ampersand
        ("0 || 1", True),
        ("null || ''", False),
        ("!(1 == 2) && 'x'", True),
        ("2 > 1", True),
        ("'b' > 'a'", True),
        ("1 + 1 == 2", True),
        ("'a' + 'b' == 'ab'", True),
        ("'a' + 1 == 'a1'", True),
        ("1 ? 0 : 1", False),
        ("null ? 1 : 'yes'", True),
    ],
)
def test_literals_and_operators(expr, expected):
    assert evaluate(expr, {}) is expected


def test_identifiers_are_parameters_or_null():
    params = {"문서명1": "문서", "empty": ""}
    assert evaluate("문서명1 != null", params)
    assert evaluate("문서명1", params)
    assert not evaluate("문서명2 != null", params)
    assert not evaluate("문서명2", params)
    assert evaluate("empty != null", params)  # passed but empty: not null …
    assert not evaluate("empty", params)  # … yet falsy
    assert evaluate("문서명1 == '문서'", params)
    assert evaluate("문서명1 == \"문서\" && !문서명2", params)


def test_string_methods():
    params = {"t": "나무위키:문법 도움말"}
    assert evaluate("t.startsWith('나무위키:')", params)
    assert evaluate("t.endsWith('도움말')", params)
    assert evaluate("t.includes('문법')", params)
    assert evaluate("t.length == 11", params)
    assert evaluate("t.indexOf(':') == 4", params)
    assert evaluate("t.lastIndexOf('x') == -1", params)
    assert evaluate("t.substr(5, 2) == '문법'", params)
    assert evaluate("t.substring(0, 4) == '나무위키'", params)
    assert evaluate("t.slice(-3) == '도움말'", params)
    assert evaluate("'AbC'.toLowerCase() == 'abc'", {})
    assert evaluate("' x '.trim() == 'x'", {})


def test_optional_chaining_on_null():
    assert not evaluate("missing?.length", {})
    assert not evaluate("missing?.startsWith('a')", {})
    # plain access on null is an error: false, not an exception
    assert not evaluate("missing.length", {})
    assert evaluate("missing?.length == null", {})


def test_assignment_binds_variables_for_the_body():
    ok, bindings = evaluate_with_bindings(
        "top = 문서명1 != null ? 문서명1 : calleeTitle", {"문서명1": "문서"}, callee_title="시험"
    )
    assert ok
    assert bindings == {"top": "문서"}
    ok, bindings = evaluate_with_bindings(
        "top = 문서명1 != null ? 문서명1 : calleeTitle", {}, callee_title="시험 문서/하위"
    )
    assert ok
    assert bindings["top"] == "시험 문서/하위"


def test_bindings_accumulate_and_shadow_parameters():
    _, first = evaluate_with_bindings("a = 'x', b = a + 'y'", {})
    assert first == {"a": "x", "b": "xy"}
    ok, second = evaluate_with_bindings("b == 'xy'", {"b": "param"}, first)
    assert ok
    assert second == first


def test_failed_evaluation_leaves_bindings_untouched():
    before = {"a": "1"}
    ok, after = evaluate_with_bindings("c = 1, missing.length", {}, before)
    assert not ok
    assert after == {"a": "1"}
    assert before == {"a": "1"}


@pytest.mark.parametrize(
    "bad",
    [
        "", "   ", "(", ")", "1 +", "== 1", "'unterminated", "a = ", "1 ? 2", "a..b", "#",
        "import os", "__import__('os')", "a(1)", "1.2.3", "x.y(", "'a'.nope()", "`x`",
        "(" * 10_000 + "1" + ")" * 10_000, "!" * 100_000 + "1", "1" + " + 1" * 5000,
        None, 12,
    ],
)
def test_invalid_expressions_are_false_and_never_raise(bad):
    assert evaluate(bad, {}) is False  # type: ignore[arg-type]


def test_growth_is_bounded():
    big = {"a": "x" * 60_000}
    assert not evaluate("a + a + a", big)  # would exceed the string limit
    assert evaluate("a + 'y' != ''", {"a": "x"})


def test_nothing_is_executed():
    # Python names and dunders are just unknown parameters, i.e. null
    assert not evaluate("__class__", {})
    assert evaluate("__class__ == null", {})


def test_helpers():
    assert truthy("a") and not truthy("") and not truthy(None) and not truthy(0.0)
    assert to_text(None) == ""
    assert to_text(3.0) == "3"
    assert to_text(2.5) == "2.5"
    assert to_text(True) == "true"


# --- never raises, whatever the expression ---------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_EXPR_TOKENS = ["a", "b", "문서명1", "null", "true", "1", "0", "'x'", '"y"', "==", "!=", "===",
                "&&", "&", "||", "!", "?", ":", "=", "+", "-", "(", ")", ",", ".", "?.", "length",
                "startsWith(", "substr(", " ", "calleeTitle", "'", '"', "\\", "<", ">=", "#", "@"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_EXPR_TOKENS), max_size=30).map("".join),
       st.dictionaries(st.sampled_from(["a", "b", "문서명1"]), st.text(max_size=5), max_size=3))
def test_evaluate_never_raises(expr, params):
    ok, bindings = evaluate_with_bindings(expr, params, callee_title="t")
    assert isinstance(ok, bool)
    assert isinstance(bindings, dict)
    assert evaluate(expr, params) in (True, False)
