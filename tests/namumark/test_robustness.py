"""Malformed markup never raises and never yields malformed HTML (hypothesis property tests).

Two sources of input: random text over an alphabet heavy in NamuMark's special characters and
tokens, and mutations (insert, delete, duplicate slices) of real markup. Real markup is read at
run time from the shared corpus (../shared/corpus/documents next to the repository) when it is
there — its text is never copied into the repository — and otherwise from the small samples
below, which we wrote ourselves.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import htmlcheck
import namumark
from render_setup import TITLE, memory_context

_HERE = Path(__file__).parent
_REPO = _HERE.parent.parent
CORPUS_DIR = _REPO.parent / "shared" / "corpus" / "documents"

TOKENS = [
    "'''", "''", "__", "~~", "--", "^^", ",,", "{{{", "}}}", "[[", "]]", "[", "]", "(", ")",
    "||", "|", "<", ">", "=", "==", "== ", " ==", "\n", "\n\n", " ", " * ", " 1.", " a.#3",
    ">", "> ", "----", "##", "#", "#!wiki ", '#!wiki style="color:red"\n', "#!folding ",
    "#!syntax python\n", "#!html ", "#!if ", "#red ", "#fff,#000 ", "+1 ", "-2 ", "[* ", "[*A ",
    "[각주]", "[목차]", "[br]", "[include(틀:t, a=", "[youtube(jNQXAC9IVRw", "[math(", "[age(",
    "[dday(", "[anchor(", "[ruby(", "[[파일:example.png", "[[파일:", "|width=", "&", "[[분류:",
    "#redirect ", "@a@", "@", "<bgcolor=", "<-2>", "<|2>", "<:>", "<tablewidth=", "\\", '"', "'",
    "가", "나무", "text", "1", "http://", "https://e.example/", "javascript:", "::", "/", "../",
    ";", "\t", "\r\n", "}}}}}}", "{{{{{{",
]
ALPHABET = "'_~-^,{}[]|<>=#!*@()&;:\\/\"+. \n\ta가1"

# Markup samples of our own, used when the shared corpus is not there.
FALLBACK_SAMPLES = [
    "== 개요 ==\n'''굵게''' ''기울임'' __밑줄__ ~~취소~~ --취소-- ^^위^^ ,,아래,,\n[목차]\n",
    "[[문서]] [[문서|표시]] [[문서#s-1|앵커]] [[https://example.com/|외부]] [[../]] [[/하위]]\n",
    "|| 가 || 나 ||\n||<-2><bgcolor=#fff,#000> 합친 칸 ||\n||<|2> 세로 || 오른쪽 ||\n|| 아래 ||\n",
    " * 하나\n  * 둘\n 1. 셋\n 1.#5 넷\n> 인용\n>> 이중 인용\n 들여쓰기\n",
    "본문[* 각주 하나] 그리고[*이름 이름 각주] 다시[*이름]\n[각주]\n",
    "{{{#!wiki style=\"margin: 4px; background-color: #eee\"\n{{{#!folding [ 펼치기 ]\n내용\n}}}\n}}}\n",
    "{{{#red 빨강}}} {{{+1 크게 {{{#00f 파랑}}}}}} {{{-2 작게}}} {{{리터럴 [[x]]}}}\n",
    "{{{#!syntax python\ndef f(x):\n    return x * 2\n}}}\n[math(\\frac{a}{b})] [youtube(jNQXAC9IVRw)]\n",
    "[include(틀:t, a=값, b=다른 값)]\n[age(2000-01-01)] [dday(2020-01-01)] [date] [br]\n",
    "[[파일:example.png|width=100&align=center]] [[분류:시험]] [anchor(here)] [ruby(字,ruby=じ)]\n",
    "== 목차 [목차] 안의 제목 ==\n== [각주] ==\n[* 각주]\n",
    "=== 셋째 단계 ===\n==# 접힌 문단 #==\n내용\n## 주석\n----\n{{{#!html <b>굵게</b>}}}\n",
    "{{{#!if a != null\n@a@ 있음}}}\n@b=기본값@\n",
]


@lru_cache(maxsize=1)
def markup_samples() -> tuple[str, ...]:
    samples: list[str] = []
    if CORPUS_DIR.is_dir():
        for path in sorted(CORPUS_DIR.iterdir()):
            if path.is_file():
                try:
                    samples.append(path.read_text(encoding="utf-8", errors="replace"))
                except OSError:
                    continue
    return tuple(s for s in samples if s) or tuple(FALLBACK_SAMPLES)


def make_context() -> MemoryContext:
    return memory_context({"문서": "본문", "틀:t": "@a@ / @b@ [[@a@]] {{{#!if a\n@b@}}}"})


def check_everything(source: str) -> None:
    context = make_context()
    with htmlcheck.InternalErrors() as errors:
        result = namumark.render_html(namumark.parse(source), context=context, title=TITLE)
        text = namumark.render_text(namumark.parse(source), context=context, title=TITLE)
        meta = namumark.metadata(namumark.parse(source), title=TITLE)
    # "never raises" is kept by a logged fallback; a fallback is still a bug
    assert errors.messages == [], f"{errors.messages}\n--- input\n{source!r}"
    found = htmlcheck.problems(result.html)
    assert found == [], f"{found}\n--- input\n{source!r}\n--- html\n{result.html[:3000]}"
    assert isinstance(text, str)
    assert isinstance(meta.links, list) and isinstance(meta.includes, list)


SETTINGS = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=False,
)

token_text = st.lists(st.sampled_from(TOKENS), max_size=60).map("".join)
char_text = st.text(alphabet=ALPHABET, max_size=300)
mixed_text = st.lists(st.one_of(st.sampled_from(TOKENS), st.text(alphabet=ALPHABET, max_size=8)),
                      max_size=80).map("".join)


@SETTINGS
@given(st.one_of(token_text, char_text, mixed_text))
def test_random_markup_never_breaks(source):
    check_everything(source)


# A mutation: (kind, position as a fraction, length, token to insert)
mutation = st.tuples(
    st.sampled_from(["insert", "delete", "duplicate"]),
    st.floats(min_value=0, max_value=1, allow_nan=False),
    st.integers(min_value=0, max_value=400),
    st.sampled_from(TOKENS),
)

WINDOW = 2500  # characters of a real document taken per example, to keep the suite quick


def apply_mutations(text: str, mutations) -> str:
    for kind, where, length, token in mutations:
        pos = int(where * len(text))
        if kind == "insert":
            text = text[:pos] + token + text[pos:]
        elif kind == "delete":
            text = text[:pos] + text[pos + length:]
        else:
            text = text[:pos] + text[pos:pos + length] * 2 + text[pos + length:]
    return text


@SETTINGS
@given(
    st.integers(min_value=0, max_value=10_000),
    st.floats(min_value=0, max_value=1, allow_nan=False),
    st.lists(mutation, min_size=1, max_size=8),
)
def test_mutated_real_markup_never_breaks(which, start, mutations):
    samples = markup_samples()
    doc = samples[which % len(samples)]
    offset = int(start * max(0, len(doc) - WINDOW))
    # begin on a line boundary so block syntax is seen as in the original
    line_start = doc.rfind("\n", 0, offset) + 1
    window = doc[line_start:line_start + WINDOW]
    check_everything(apply_mutations(window, mutations))


def test_every_sample_renders_whole():
    for sample in markup_samples():
        check_everything(sample)


def test_fallback_samples_render_whole():
    for sample in FALLBACK_SAMPLES:
        check_everything(sample)
