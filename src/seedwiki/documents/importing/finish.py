"""What an import does once every batch is in: pages that existed before it and link to the
titles it created get a new render stamp (their red links turn blue).

Computed from the run record alone (documents with ids past ``last_id_before`` are the run's), so a
run that was killed and resumed bumps the pages of its first part too, and memory stays bounded.
"""
from __future__ import annotations

from django.db.models import F

from seedwiki.documents.importing.bulk_rows import present_titles
from seedwiki.documents.importing.run_record import ImportRun
from seedwiki.documents.models import Document, PageLink
from seedwiki.documents.services import derive
from seedwiki.titles import TitleError, parse_title

_CHUNK = 500
_LINKING_KINDS = [PageLink.Kind.LINK, PageLink.Kind.INCLUDE, PageLink.Kind.FILE, PageLink.Kind.REDIRECT]


def bump_pages_linking_to_new(run: ImportRun) -> int:
    last = run.last_id_before
    old = Document.objects.filter(id__lte=last).count()
    new = Document.objects.filter(id__gt=last).count()
    if not old or not new:
        return 0
    # Walk whichever side is smaller: a big dump into a small wiki reads the few old pages' links.
    linkers = _old_linkers_from_old_side(last) if old <= new else _old_linkers_from_new_side(last)
    bumped = 0
    linkers = sorted(linkers)
    for start in range(0, len(linkers), _CHUNK):
        chunk = linkers[start:start + _CHUNK]
        bumped += Document.objects.filter(id__in=chunk).update(render_stamp=F("render_stamp") + 1)
        titles = {d.full_title for d in Document.objects.filter(id__in=chunk).only("namespace", "title")}
        bumped += derive.bump_includers(titles)  # pages including a bumped template, transitively
    return bumped


def _old_linkers_from_old_side(last: int) -> set[int]:
    found: set[int] = set()
    after = 0
    while True:
        ids = list(Document.objects.filter(id__gt=after, id__lte=last).order_by("id").values_list("id", flat=True)[:_CHUNK])
        if not ids:
            return found
        after = ids[-1]
        by_key: dict[tuple[str, str], set[int]] = {}
        for source, target in PageLink.objects.filter(source_id__in=ids, kind__in=_LINKING_KINDS).values_list(
                "source_id", "target"):
            try:
                by_key.setdefault(parse_title(target), set()).add(source)
            except TitleError:
                continue
        keys = list(by_key)
        for start in range(0, len(keys), _CHUNK):
            for namespace, title in present_titles(keys[start:start + _CHUNK], id_after=last):
                found |= by_key[(namespace, title)]


def _old_linkers_from_new_side(last: int) -> set[int]:
    found: set[int] = set()
    after = last
    while True:
        documents = list(Document.objects.filter(id__gt=after).order_by("id").only("id", "namespace", "title")[:_CHUNK])
        if not documents:
            return found
        after = documents[-1].id
        titles = [d.full_title for d in documents]
        found.update(PageLink.objects.filter(target__in=titles, kind__in=_LINKING_KINDS, source_id__lte=last)
                     .values_list("source_id", flat=True))
