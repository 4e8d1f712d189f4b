"""One parse of a page's text → everything the wiki derives from it (links, redirect, plain text).

Pure (no Django): the dump import runs it in worker processes. Titles are returned as namumark
gives them; derive.py canonicalises them (that needs the site's namespaces).
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field

import namumark

log = logging.getLogger(__name__)


@dataclass
class Analysis:
    links: list[str] = field(default_factory=list)
    includes: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    categories: list[tuple[str, str, bool]] = field(default_factory=list)  # (title, sort key, blur)
    redirect: str | None = None
    plain_text: str | None = None  # None: not computed (the search index computes its own)
    # (target, kind, sort key, blur) rows, when a worker process canonicalised them already (import)
    link_rows: list[tuple[str, str, str, bool]] | None = None


def analyse_text(text: str, *, title: str | None = None, with_plain_text: bool = False) -> Analysis:
    """Never raises: markup the parser chokes on still saves, with nothing derived.

    ``title`` (the page's full title) resolves relative links (``[[../]]``, ``[[/하위]]``)."""
    try:
        tree = namumark.parse(text)
        if with_plain_text:  # the search text and the references from one walk of the tree
            plain_text, refs = namumark.text_and_references(tree, title=title)
        else:
            plain_text, refs = None, namumark.references(tree, title=title)
    except Exception:
        log.exception("namumark could not analyse a page")
        return Analysis()
    return Analysis(
        links=list(refs.links),
        includes=[node.title for node in refs.includes],
        files=list(refs.files),
        categories=[(node.title, node.sort_key or "", bool(node.blur)) for node in refs.categories],
        redirect=refs.redirect.title if refs.redirect is not None else None,
        plain_text=plain_text,
    )


def analyse_for_import(job: tuple[str, str | None]) -> Analysis:
    """Worker-process entry point (module-level so it pickles): ``job`` is (text, full title)."""
    text, title = job
    return analyse_text(text, title=title, with_plain_text=True)
