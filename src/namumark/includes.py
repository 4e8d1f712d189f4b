"""``[include(틀:…, k=v)]``: fetching, substituting and parsing the included page within the
render's limits. Both renderers use it; ``shared`` is the render's scratch dict (shared with the
included renders), ``budget`` its :class:`namumark.budget.Budget`.

The size limits apply to the text after ``@param@`` substitution, counted while it is built
(issue 6, finding 9: arguments can make a small template huge). A refused include still costs
its raw size against the include total, so refusing again and again cannot cost more than the
total either.
"""
from __future__ import annotations

from . import limits


def included_document(ctx, node, title, shared: dict, budget, depth: int = 0):
    """The parsed page for ``node`` (an Include) met at include ``depth``, ``False`` when it
    renders nothing (a missing page, an include inside an included page, a category), or None
    when a limit refuses it (it renders as its source)."""
    if depth >= limits.MAX_INCLUDE_DEPTH:
        return False  # the seed does not expand includes inside included pages
    if node.title.startswith("분류:"):
        return False  # help 2023: 분류 문서는 include 매크로로 출력할 수 없습니다
    if shared.get("includes", 0) >= limits.MAX_INCLUDES:
        budget.refuse("include")
        return None
    shared["includes"] = shared.get("includes", 0) + 1
    cache = shared.setdefault("parsed", {})
    key = (node.title, tuple(sorted(node.args.items())))
    used = shared.get("include_chars", 0)
    if key in cache:
        doc = cache[key]
        if doc is False or doc is None:
            return doc
        if used + len(doc.source) > limits.MAX_INCLUDE_TOTAL:
            budget.refuse("include")
            return None  # each copy renders again: the total counts every one
        shared["include_chars"] = used + len(doc.source)
        return doc
    try:
        source = ctx.page_source(node.title)
    except Exception:
        source = None
    if source is None:
        cache[key] = False
        return False
    source = source[: limits.MAX_INCLUDE_SOURCE]
    if used + len(source) > limits.MAX_INCLUDE_TOTAL:
        budget.refuse("include")
        return None
    allowance = min(limits.MAX_INCLUDE_SOURCE, limits.MAX_INCLUDE_TOTAL - used,
                    budget.substitution_room())
    from . import parse_included

    doc = parse_included(source, node.args, title, allowance=max(allowance, 0))
    if doc is None:
        # what was built before the refusal was work: it counts
        shared["include_chars"] = used + len(source)
        budget.spend_substitution(max(allowance, 0))
        budget.refuse("substitution")
        cache[key] = None
        return None
    budget.spend_substitution(len(doc.source))
    shared["include_chars"] = used + len(doc.source)
    cache[key] = doc
    return doc
