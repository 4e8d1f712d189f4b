"""Draft missing expectations in the conformance case files, for human review.

    .venv/bin/python tests/namumark/tools/fill_expected.py            # show drafts, write nothing
    .venv/bin/python tests/namumark/tools/fill_expected.py --write    # write drafts into the files
    .venv/bin/python tests/namumark/tools/fill_expected.py --write -k footnote

Only cases whose `--- html` or `--- text` section is missing are touched, and only that section is
added; an existing expectation is never overwritten. Every draft must still be read against the help
page before it is trusted (see tests/namumark/cases/README.md, "How the expectations were made").
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parents[2] / "src"))

import conformance_cases as reader  # noqa: E402

# Break lines after block-level closing tags so drafts are readable; the comparison ignores them.
_BLOCK_END = re.compile(
    r"(</(?:div|li|ul|ol|tr|table|tbody|blockquote|h[1-6]|details|summary|pre|caption)>|<hr>)(?=<)"
)


def pretty(html: str) -> str:
    return _BLOCK_END.sub(lambda m: m.group(1) + "\n", html)


def render(case) -> tuple[str, str]:
    import namumark

    context = reader.build_context(case)
    html = namumark.render_html(namumark.parse(case.input), context=context, title=reader.case_title(case)).html
    text = namumark.render_text(namumark.parse(case.input), context=context, title=reader.case_title(case))
    return pretty(reader.normalise_html(html)), reader.normalise_text(text)


def case_end_line(lines: list[str], header_index: int) -> int:
    """Index just past the last non-blank line of the case starting at header_index."""
    end = header_index + 1
    while end < len(lines) and not lines[end].startswith("### "):
        end += 1
    while end > header_index + 1 and lines[end - 1].strip() == "":
        end -= 1
    return end


def fill_file(path: Path, pattern: str | None, write: bool) -> int:
    cases = reader.parse_case_file(path)
    lines = reader.read_raw(path).split("\n")
    changed = 0
    # Walk bottom-up so earlier insertions do not shift later line numbers.
    for case in reversed(cases):
        if pattern and pattern not in case.id:
            continue
        if case.html is not None and case.text is not None:
            continue
        try:
            html, text = render(case)
        except Exception as error:  # a crash is itself a finding; report it, keep going
            print(f"!! {case.id}: render raised {error!r}")
            continue
        addition: list[str] = []
        if case.html is None:
            addition += ["--- html", *html.split("\n")]
        if case.text is None:
            addition += ["--- text", *(text.split("\n") if text else [])]
        header = case.line - 1
        end = case_end_line(lines, header)
        lines[end:end] = addition
        changed += 1
        print(f"== {case.id}\n" + "\n".join(addition) + "\n")
    if write and changed:
        with open(path, "w", encoding="utf-8", newline="") as handle:
            handle.write("\n".join(lines))
    return changed


def show_results(pattern: str | None) -> None:
    """Print what a `--- result` section would hold for each matching case (never written)."""
    import namumark

    for case in reader.load_all_cases():
        if pattern and pattern not in case.id:
            continue
        context = reader.build_context(case)
        title = reader.case_title(case)
        result = namumark.render_html(namumark.parse(case.input), context=context, title=title)
        meta = namumark.metadata(namumark.parse(case.input), title=title)
        described = reader.describe_result(result, meta)
        lines = [f"{kind}: {entry}" for kind, entries in described.items() for entry in entries]
        print(f"== {case.id}\n" + "\n".join(lines) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--write", action="store_true", help="write drafts into the case files")
    parser.add_argument("-k", dest="pattern", help="only cases whose id contains this text")
    parser.add_argument("--show-result", action="store_true", help="print result lines for review")
    args = parser.parse_args(argv)
    if args.show_result:
        show_results(args.pattern)
        return 0
    total = 0
    for path in sorted(reader.CASES_DIR.glob("*.txt")):
        total += fill_file(path, args.pattern, args.write)
    print(f"{'wrote' if args.write else 'would write'} {total} case(s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
