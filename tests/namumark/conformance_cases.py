"""Reader for the NamuMark conformance case files (tests/namumark/cases/*.txt).

The format is described in tests/namumark/cases/README.md. This module only reads it: it turns a
file into :class:`Case` objects and builds the :class:`namumark.context.MemoryContext` a case asks
for. It never renders anything, so the tools and the test share one reading of the files.
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from pathlib import Path

CASES_DIR = Path(__file__).parent / "cases"

KST = _dt.timezone(_dt.timedelta(hours=9))

# Every case starts from this world; a case's `--- context` adds to it or overrides it.
DEFAULT_TITLE = "시험 문서"
DEFAULT_PAGES = ("문서", "나무위키", "시험 문서", "분류:나무위키")
DEFAULT_FILES = {
    "파일:example.png": ("/file/example.png", 640, 480),
    "파일:나무.png": ("/file/나무.png", 320, 240),
}
DEFAULT_CLOCK = _dt.datetime(2026, 7, 17, 12, 0, 0, tzinfo=KST)

_CASE_HEADER = re.compile(r"^### (?P<name>\S.*?)\s*$")
_SECTION = re.compile(r"^--- (?P<kind>input|html|text|context|page|result)(?: (?P<arg>.+?))?\s*$")
RESULT_KINDS = ("category", "redirect", "heading", "footnote", "link", "include", "file")


class CaseFormatError(ValueError):
    """A case file does not follow the documented format."""


@dataclass
class Case:
    file: str                      # e.g. "bold-italic.txt"
    name: str                      # e.g. "bold"
    line: int                      # 1-based line of the `### name` header
    source: str = ""               # the provenance line
    input: str = ""
    html: str | None = None
    text: str | None = None
    context: dict[str, list[str]] = field(default_factory=dict)
    pages: dict[str, str] = field(default_factory=dict)   # `--- page 틀:x` sections
    result: dict[str, list[str]] = field(default_factory=dict)  # `--- result` lines by kind

    @property
    def id(self) -> str:
        return f"{self.file.removesuffix('.txt')}::{self.name}"


def _strip_trailing_blank(lines: list[str]) -> str:
    while lines and lines[-1].strip() == "":
        lines.pop()
    return "\n".join(lines)


def read_raw(path: Path) -> str:
    """The file's text with line endings untouched (a case may test a literal carriage return)."""
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.read()


def canonical_entry(value: str) -> str:
    """`a  |  b | c` → `a | b | c`. Fields are separated by a pipe with spaces around it, so a bare
    `|` inside a value (`[[문서|라벨]]`) stays part of the value."""
    return " | ".join(part.strip() for part in re.split(r"\s+\|\s+", value.strip()))


def describe_result(result, meta) -> dict[str, list[str]]:
    """RenderResult + Metadata in the `--- result` line syntax (see cases/README.md)."""

    def category(c):
        return " | ".join([c.title] + ([f"sort={c.sort_key}"] if c.sort_key is not None else []) + (["blur"] if c.blur else []))

    def heading(h):
        return " | ".join([str(h.level), h.number, h.id, h.text] + (["folded"] if h.folded else []))

    redirect = result.redirect or meta.redirect
    return {
        "category": [category(c) for c in result.categories],
        "redirect": [] if redirect is None else
        [redirect.title + (f" | anchor={redirect.anchor}" if redirect.anchor else "")],
        "heading": [heading(h) for h in result.headings],
        "footnote": [f"{f.id} | {f.label} | {f.text}" for f in result.footnotes],
        "link": list(meta.links),
        "include": [" | ".join([i.title] + [f"{k}={v}" for k, v in i.args.items()]) for i in meta.includes],
        "file": list(meta.files),
    }


def parse_case_file(path: Path) -> list[Case]:
    """Split one case file into cases. Raises CaseFormatError on malformed files."""
    cases: list[Case] = []
    current: Case | None = None
    section: tuple[str, str | None] | None = None
    buffer: list[str] = []

    def flush() -> None:
        nonlocal buffer
        if current is None or section is None:
            buffer = []
            return
        kind, arg = section
        body = _strip_trailing_blank(buffer)
        if kind == "input":
            current.input = body
        elif kind == "html":
            current.html = body
        elif kind == "text":
            current.text = body
        elif kind == "page":
            if not arg:
                raise CaseFormatError(f"{path.name}:{current.line}: '--- page' needs a title")
            current.pages[arg] = body
        elif kind == "result":
            for raw in body.split("\n"):
                if not raw.strip():
                    continue
                key, sep, value = raw.partition(":")
                key = key.strip()
                if not sep or key not in RESULT_KINDS:
                    raise CaseFormatError(f"{path.name}:{current.line}: bad result line {raw!r}")
                entries = current.result.setdefault(key, [])
                if value.strip() != "none":
                    # link/file entries are bare titles (a title may contain "|")
                    entries.append(value.strip() if key in ("link", "file") else canonical_entry(value))
        elif kind == "context":
            for raw in body.split("\n"):
                if not raw.strip() or raw.lstrip().startswith("#"):
                    continue
                key, sep, value = raw.partition(":")
                if not sep:
                    raise CaseFormatError(f"{path.name}:{current.line}: bad context line {raw!r}")
                current.context.setdefault(key.strip(), []).append(value.strip())
        buffer = []

    for number, line in enumerate(read_raw(path).split("\n"), start=1):
        header = _CASE_HEADER.match(line)
        if header:
            flush()
            section = None
            current = Case(file=path.name, name=header.group("name"), line=number)
            cases.append(current)
            continue
        if current is None:
            continue  # file preamble: free comments
        sect = _SECTION.match(line)
        if sect:
            flush()
            section = (sect.group("kind"), sect.group("arg"))
            continue
        if section is None:
            if line.startswith("source:"):
                current.source = line.removeprefix("source:").strip()
            elif line.strip():
                raise CaseFormatError(f"{path.name}:{number}: text outside a section: {line!r}")
            continue
        buffer.append(line)
    flush()

    seen: set[str] = set()
    for case in cases:
        if case.name in seen:
            raise CaseFormatError(f"{path.name}:{case.line}: duplicate case name {case.name!r}")
        seen.add(case.name)
        if not case.source:
            raise CaseFormatError(f"{path.name}:{case.line}: case {case.name!r} has no source line")
    return cases


def load_all_cases(directory: Path = CASES_DIR) -> list[Case]:
    cases: list[Case] = []
    for path in sorted(directory.glob("*.txt")):
        cases.extend(parse_case_file(path))
    return cases


def _parse_clock(value: str) -> _dt.datetime:
    moment = _dt.datetime.fromisoformat(value.replace(" ", "T", 1))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=KST)
    return moment


def case_title(case: Case) -> str:
    return case.context.get("title", [DEFAULT_TITLE])[-1]


def build_context(case: Case):
    """The MemoryContext a case describes (defaults + its `--- context` and `--- page` sections)."""
    from namumark.context import FileInfo, MemoryContext

    pages: dict[str, str] = {title: "" for title in DEFAULT_PAGES}
    files = {name: FileInfo(url=url, width=w, height=h) for name, (url, w, h) in DEFAULT_FILES.items()}
    clock = DEFAULT_CLOCK
    for value in case.context.get("pages", []):
        for title in value.split(","):
            if title.strip():
                pages[title.strip()] = ""
    for value in case.context.get("missing", []):
        for title in value.split(","):
            pages.pop(title.strip(), None)
            files.pop(title.strip(), None)
    for value in case.context.get("file", []):
        # file: 파일:이름.png 100x50   (size optional; url is /file/<name without 파일:>)
        parts = value.rsplit(" ", 1)
        name, size = (parts[0], parts[1]) if len(parts) == 2 and re.fullmatch(r"\d+x\d+", parts[1]) else (value, "")
        width, height = (int(n) for n in size.split("x")) if size else (None, None)
        files[name] = FileInfo(url="/file/" + name.split(":", 1)[1], width=width, height=height)
    for value in case.context.get("clock", []):
        clock = _parse_clock(value)
    pages.update(case.pages)
    context = MemoryContext(pages=pages, files=files, clock=clock)
    title = case_title(case)
    # The current page's title is part of the render request; hosts pass it on the context.
    if hasattr(context, "title"):
        context.title = title
    return context


_BETWEEN_TAGS = re.compile(r">[ \t]*\n\s*<")
_PRE = re.compile(r"(<pre[\s>].*?</pre>)", re.S)


def normalise_html(html: str) -> str:
    """The light normalisation documented in cases/README.md.

    Whitespace that contains a line break and sits between two tags is removed, so the expected
    HTML may be written one element per line; every other character (including single spaces
    between tags, which are text) is compared exactly. Leading/trailing whitespace is dropped.
    Inside <pre> … </pre> nothing is touched: there line breaks are content.
    """
    kept: list[str] = []

    def hold(match: re.Match) -> str:
        kept.append(match.group(1))
        return f"<pre-kept-{len(kept) - 1}>"

    text = _BETWEEN_TAGS.sub("><", _PRE.sub(hold, html.strip().replace("\r\n", "\n")))
    return re.sub(r"<pre-kept-(\d+)>", lambda m: kept[int(m.group(1))], text)


def normalise_text(text: str) -> str:
    """Plain text is compared exactly, except trailing whitespace on each line and at the end."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    return _strip_trailing_blank(lines)


# --- safety net -------------------------------------------------------------------------------
# Every rendered case is also checked for markup that could run script or restyle the page,
# whatever its expected HTML says (BRIEF: hostile markup never injects script/style).

_FORBIDDEN_TAGS = {"script", "style", "object", "embed", "applet", "base", "meta", "link", "form",
                   "input", "button", "textarea", "frame", "frameset", "svg", "math-script"}
_EMBED_HOSTS = ("https://www.youtube.com/", "https://tv.kakao.com/", "https://embed.nicovideo.jp/",
                "https://player.vimeo.com/", "https://tv.naver.com/")
_URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "poster", "background"}
_SAFE_SCHEMES = ("http://", "https://", "ftp://", "mailto:")


def unsafe_html_reasons(html: str) -> list[str]:
    """Why this HTML could run script or inject CSS (empty list: it cannot)."""
    from html.parser import HTMLParser

    reasons: list[str] = []

    class Checker(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag in _FORBIDDEN_TAGS:
                reasons.append(f"<{tag}> element")
            for name, value in attrs:
                value = value or ""
                squashed = "".join(value.split()).lower()
                if name.startswith("on"):
                    reasons.append(f"event handler {name} on <{tag}>")
                if name in _URL_ATTRS and not (squashed.startswith(_SAFE_SCHEMES) or squashed.startswith(("/", "#", "?"))
                                               or ":" not in squashed.split("/")[0]):
                    reasons.append(f"{name}={value!r} on <{tag}>")
                if name in ("style", "data-dark-style") and any(
                        bad in squashed for bad in ("url(", "expression(", "javascript:", "@import", "behavior:", "\\")):
                    reasons.append(f"{name}={value!r} on <{tag}>")
            if tag == "iframe":
                src = dict(attrs).get("src") or ""
                if not src.startswith(_EMBED_HOSTS):
                    reasons.append(f"iframe to {src!r}")

        handle_startendtag = handle_starttag

    Checker(convert_charrefs=True).feed(html)
    return reasons
