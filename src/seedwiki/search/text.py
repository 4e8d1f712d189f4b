"""What gets indexed: the plain text a reader sees, not the markup.

namumark.render_text gives the text without markup; when the markup package cannot be used (not
importable yet, or it fails on some input) the raw source is indexed instead so search still works.
"""
from __future__ import annotations

import logging

log = logging.getLogger(__name__)
_warned = False


def plain_text(source: str) -> str:
    try:
        import namumark

        return namumark.render_text(namumark.parse(source))
    except Exception:  # the markup package must never make an edit fail
        global _warned
        if not _warned:  # once per process: a missing renderer would otherwise flood the log
            _warned = True
            log.warning("namumark.render_text unavailable or failed; indexing raw source", exc_info=True)
        return source


def indexing_mode() -> str:
    """'render_text' or 'raw' — reported by `seedwiki rebuild` and the tests."""
    try:
        import namumark

        namumark.render_text(namumark.parse("'''x'''"))
        return "render_text"
    except Exception:
        return "raw"
