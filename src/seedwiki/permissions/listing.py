"""Which pages a reader may see in lists (RecentChanges, search, special pages, categories, …).

The seed decides reading by the namespace alone (document read rules are ignored), so a list is
filtered with ``namespace IN readable_namespaces(...)``: one decision per namespace, cached like any
other, and one indexed condition in the query.
"""
from __future__ import annotations

from seedwiki.permissions.decide import can
from seedwiki.permissions.subject import Place, Subject, subject_of


def _subject(request_or_subject) -> Subject:
    return request_or_subject if isinstance(request_or_subject, Subject) else subject_of(request_or_subject)


def readable_namespaces(request_or_subject) -> list[str]:
    from seedwiki.titles import namespaces

    subject = _subject(request_or_subject)
    return [ns for ns in namespaces() if can(subject, "read", Place(ns, "")).allowed]


def unreadable_namespaces(request_or_subject) -> list[str]:
    """The namespaces hidden from this reader. ``NOT IN`` these lets a list ordered by its own index
    (RecentChanges by time) walk that index, where ``IN readable`` drives SQLite's plan from the pages."""
    from seedwiki.titles import namespaces

    readable = set(readable_namespaces(request_or_subject))
    return [ns for ns in namespaces() if ns not in readable]


def may_read(request_or_subject, namespace: str) -> bool:
    return can(_subject(request_or_subject), "read", Place(namespace, "")).allowed
