"""Reader-visible records of rendered NamuMark, for comparing our HTML with opensinabro's golden HTML.

A page becomes a list of records, in document order: headings, paragraph text, links (target and
text), table cells, list items, footnotes and macros (TOC, footnote lists, media, images). Markup
vocabulary (attribute order, colour notation, wrappers) is not compared: only what a reader sees
and where a click goes. Two record lists agree on their longest common subsequence:
agreement = 2·matched / (ours + theirs).

The explained differences (docs/namumark-differences.md, "Agreement with opensinabro") are
applied to both sides by :func:`explained` before comparing; each has a name and a reason.
"""
from __future__ import annotations

import difflib
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
REFERENCE = SHARED / "reference" / "opensinabro"
DOCUMENTS = SHARED / "corpus" / "documents"

_SPACE = re.compile(r"\s+")
_VOID = {"br", "img", "hr", "input", "meta", "link", "source", "wbr", "col"}
# elements whose text is one record of its own (innermost wins: a cell's paragraph is the cell)
_BLOCKS = {"h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading", "h5": "heading",
           "h6": "heading", "td": "cell", "th": "cell", "li": "item", "caption": "caption"}
_EDGE = re.compile(r"\s*\x00\s*")


def _squash(text: str) -> str:
    """Runs of whitespace → one space; none at block edges (marked \\x00): whether a line break
    sits beside a block is HTML layout, not something a reader sees."""
    return _SPACE.sub(" ", _EDGE.sub("", text)).strip()


# elements that end a run of text: a reader sees a new block there, whatever wraps it
_BREAKS = {"div", "p", "details", "summary", "table", "tbody", "thead", "tr", "td", "th", "ul", "ol",
           "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "caption", "pre"}


class _Records(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.records: list[tuple] = []
        self.stack: list[tuple[str, str | None, list]] = []  # (tag, record kind, text parts)
        # open <a> elements: (target, text parts); target None for links that are not recorded
        # (footnote markers, in-page anchors), so every </a> closes its own element
        self.links: list[tuple[str | None, list]] = []
        self.run: list[str] = []
        self.skip = 0  # inside a formula or the category box: only a marker record is kept

    def _flush_run(self):
        text = _squash("".join(self.run))
        if text:
            self.records.append(("text", text))
        self.run = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = (a.get("class") or "").split()
        if tag in _BREAKS:
            self._flush_run()
            if self.stack:
                self.stack[-1][2].append("\x00")
        href = a.get("href") or ""
        if tag == "a":
            recorded = not self.skip and "wiki-fn-content" not in cls and href.startswith(("/", "http", "ftp"))
            self.links.append((unquote(href) if recorded else None, []))
        for c in cls if not self.skip else ():
            if c.startswith("wiki-macro-") or c in ("wiki-media", "wiki-folding", "wiki-math"):
                self.records.append(("macro", c))
        if tag == "iframe":
            src = unquote(a.get("src") or "").split("?")[0]
            self.records.append(("macro", "iframe " + src))
        if tag == "img":
            self.records.append(("image", unquote(a.get("src") or "").rsplit("/", 1)[-1]))
        if tag in _VOID:
            if tag == "br":
                self._text(" ")
            return
        self.stack.append((tag, _BLOCKS.get(tag), []))
        if tag == "span" and "footnote-list" in cls:
            self.stack[-1] = (tag, "footnote", [])
        if self.skip or (tag == "span" and "wiki-math" in cls) or "wiki-categories" in cls:
            if "wiki-categories" in cls and not self.skip:
                self.records.append(("categories",))
            self.skip += 1

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        for k in range(len(self.stack) - 1, -1, -1):  # tolerate stray end tags
            if self.stack[k][0] == tag:
                break
        else:
            return
        if tag in _BREAKS:
            self._flush_run()
        while len(self.stack) > k:
            t, kind, parts = self.stack.pop()
            if self.skip:
                self.skip -= 1
            text = _squash("".join(parts))
            if t == "a" and self.links:
                href, link_parts = self.links.pop()
                if href is not None:
                    inside = any(h is not None for h, _ in self.links)
                    self.records.append(("link-in-link" if inside else "link", href,
                                         _squash("".join(link_parts))))
            if kind is not None and text:
                self.records.append((kind, text))
            if self.stack:
                self.stack[-1][2].append("".join(parts) + ("\x00" if t in _BREAKS else ""))

    def _text(self, data: str):
        if self.skip:
            return
        self.run.append(data)
        if self.stack:
            self.stack[-1][2].append(data)
        for _href, parts in self.links:
            parts.append(data)

    def handle_data(self, data):
        if "\n" in data and not data.strip():
            return  # a line break between tags is layout of the HTML source, not text
        self._text(data)


def records(html: str) -> list[tuple]:
    parser = _Records()
    parser.feed(html)
    parser.close()
    parser._flush_run()
    return parser.records


def agreement(ours: list, theirs: list) -> tuple[float, list, list]:
    """(2·matched / total, records only we have, records only they have)."""
    if not ours and not theirs:
        return 1.0, [], []
    matcher = difflib.SequenceMatcher(None, ours, theirs, autojunk=False)
    matched = 0
    only_ours: list = []
    only_theirs: list = []
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            matched += a1 - a0
        else:
            only_ours.extend(ours[a0:a1])
            only_theirs.extend(theirs[b0:b1])
    return 2 * matched / (len(ours) + len(theirs)), only_ours, only_theirs


# --- explained differences (docs/namumark-differences.md, "Agreement with opensinabro") --------
# Each is (name, side it applies to, function record -> record or None). They remove what the
# reference could not render in its context or renders outside the article, never our choices.

_INCLUDE = re.compile(r"\[include\((?:[^()\]]|\([^()]*\))*\)\]", re.I)
_AGE = re.compile(r"\[age\(([^()\]]*)\)\]", re.I)
_BARE_COLOUR = re.compile(r"<#[0-9A-Za-z#,]+>")


def _drop_includes(rec):
    # the reference had no templates: it writes [include(…)] as text; a missing page shows nothing
    if rec[0] in ("text", "cell", "item", "heading", "footnote") and "[include(" in rec[-1].lower():
        text = _squash(_INCLUDE.sub(" ", rec[-1]))
        return rec[:-1] + (text,) if text else None
    return rec


def _image_file_link(rec):
    # a bare image links to its file page (the seed does); the reference shows it unlinked
    if rec[0] == "link" and rec[2] == "" and rec[1].startswith("/w/파일:"):
        return None
    return rec


def _age_with(now):
    from namumark.dates import age

    def apply(rec):
        # the reference leaves [age(…)] as text; we compute it with the same fixed clock
        if rec[0] in ("text", "cell", "item", "footnote") and "[age(" in rec[-1].lower():
            return rec[:-1] + (_AGE.sub(lambda m: str(age(m.group(1), now)), rec[-1]),)
        return rec
    return apply


def _scheme_relative_video(rec):
    if rec[0] == "macro" and rec[1].startswith("iframe //"):
        return ("macro", "iframe https:" + rec[1][len("iframe "):])
    return rec


def _bare_colour(rec):
    # ||<#fff,#191919>칸: help 2023 §표 배경색 — a bare colour is the cell's background
    if rec[0] in ("text", "cell") and "<#" in rec[-1]:
        return rec[:-1] + (_BARE_COLOUR.sub("", rec[-1]),)
    return rec


def explained_differences(now) -> list:
    return [
        ("include-without-templates", "theirs", _drop_includes),
        ("age-left-as-text", "theirs", _age_with(now)),
        ("video-url-scheme", "theirs", _scheme_relative_video),
        ("bare-colour-cell-option", "theirs", _bare_colour),
        ("file-link-inside-link", "theirs", lambda r: None if r[0] == "link-in-link" else r),
        ("categories-outside-article", "theirs", lambda r: None if r == ("categories",) else r),
        ("image-links-to-its-file-page", "ours", _image_file_link),
        ("toc-summary-label", "ours", lambda r: None if r == ("text", "목차") else r),
    ]


def explained(recs: list, side: str, now) -> list:
    out = []
    for rec in recs:
        for _name, where, fix in explained_differences(now):
            if where == side and rec is not None:
                rec = fix(rec)
        if rec is not None:
            out.append(rec)
    return out


# --- opensinabro's syntax cases ----------------------------------------------------------------
_CASE_HEADER = re.compile(r"원문: (\d+)줄 \| 의미론: (\d+)줄 \| IR: (\d+)줄 \| 렌더링: (\d+)줄")


def read_case(path: Path) -> tuple[str, str]:
    """(NamuMark source, expected HTML) of one ``.case`` file: a header line counting the lines of
    the source, the syntax tree, the JSON IR and the HTML, then those sections in that order."""
    lines = path.read_text(encoding="utf-8").split("\n")
    m = _CASE_HEADER.search(lines[0])
    if m is None:
        raise ValueError(f"{path}: unreadable case header")
    n_src, n_cst, n_ir, n_html = (int(g) for g in m.groups())
    body = lines[1:]
    source = "\n".join(body[:n_src])
    start = n_src + n_cst + n_ir
    return source, "\n".join(body[start:start + n_html])


def case_ids() -> list[str]:
    root = REFERENCE / "cases"
    return sorted(str(p.relative_to(root).with_suffix("")) for p in root.rglob("*.case"))
