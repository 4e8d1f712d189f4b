"""NamuMark conformance suite: every case in tests/namumark/cases/*.txt is one pytest item.

Each case is parsed, rendered to HTML and to plain text with a MemoryContext built from the case's
context (fixed clock), and compared with the expected values written in the case file. The format
and the HTML normalisation are documented in tests/namumark/cases/README.md.
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

_HERE = Path(__file__).parent
_SRC = _HERE.parents[1] / "src"
if str(_SRC) not in sys.path:  # run from a checkout without installing the package
    sys.path.insert(0, str(_SRC))


def _load_reader():
    spec = importlib.util.spec_from_file_location("namumark_conformance_cases", _HERE / "conformance_cases.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


reader = _load_reader()
CASES = reader.load_all_cases()


def render_case(case):
    """Render one case the way a host would: parse, then HTML and text with the case's context."""
    import namumark

    context = reader.build_context(case)
    title = reader.case_title(case)
    document = namumark.parse(case.input)
    result = namumark.render_html(document, context=context, title=title)
    text = namumark.render_text(namumark.parse(case.input), context=context, title=title)
    meta = namumark.metadata(namumark.parse(case.input), title=title)
    return result.html, text, reader.describe_result(result, meta)


def _report(case, what: str, expected: str, got: str) -> str:
    return (
        f"\n{case.id} ({case.file}:{case.line})  source: {case.source}\n"
        f"----- input -----\n{case.input}\n"
        f"----- expected {what} -----\n{expected}\n"
        f"----- got {what} -----\n{got}\n"
    )


def test_suite_is_large_enough():
    # The suite's purpose is coverage of every construct; guard against files silently vanishing.
    assert len(CASES) >= 400, f"only {len(CASES)} conformance cases were found"


def test_every_case_has_expectations():
    missing = [case.id for case in CASES if case.html is None or case.text is None]
    assert not missing, f"cases without expected html/text: {missing}"


SOURCE_KINDS = ("help ", "spec ", "task brief", "security choice", "our choice", "robustness",
                "real-article shape", "shapelayer ")


def test_every_case_names_its_source():
    # cases/README.md lists the provenance kinds; a case must say where its expectation comes from.
    unknown = [f"{case.id}: {case.source}" for case in CASES if not case.source.startswith(SOURCE_KINDS)]
    assert not unknown, "cases with an unknown source kind:\n" + "\n".join(unknown)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_case(case):
    assert case.html is not None and case.text is not None, "case has no expected html/text"
    html, text, described = render_case(case)
    got_html = reader.normalise_html(html)
    want_html = reader.normalise_html(case.html)
    got_text = reader.normalise_text(text)
    want_text = reader.normalise_text(case.text)
    problems = []
    if got_html != want_html:
        problems.append(_report(case, "html", want_html, got_html))
    if got_text != want_text:
        problems.append(_report(case, "text", want_text, got_text))
    unsafe = reader.unsafe_html_reasons(html)
    if unsafe:
        problems.append(_report(case, "safety", "(no script, event handler, unsafe URL or CSS)", "\n".join(unsafe)))
    for kind, want in case.result.items():
        if described[kind] != want:
            problems.append(_report(case, f"result {kind}", "\n".join(want), "\n".join(described[kind])))
    assert not problems, "\n".join(problems)
