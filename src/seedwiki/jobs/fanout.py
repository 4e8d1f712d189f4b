"""Re-stamping the pages that show another page: the fan-out after a save.

A page's cached HTML is keyed by its render_stamp; bumping it makes the next view re-render. Who
needs it: pages linking to a title that appeared or went away (red ↔ blue), and pages including a
changed title, directly or through included pages (up to MAX_DEPTH levels).

The work is a queue of (title, link kind, depth) walked by keyset over the linking page's id, one
bounded chunk per transaction; the state (queue position, last id) is small JSON, so a job records
it with each chunk and a killed runner's successor resumes where the last commit left off.
"""
from __future__ import annotations

from django.db import connection
from django.db.models import F

from seedwiki.documents.models import Document, PageLink
from seedwiki.documents.services.derive import in_chunks
from seedwiki.titles import join_title

INCLUDE = PageLink.Kind.INCLUDE.value
LINKING_KINDS = [PageLink.Kind.LINK.value, INCLUDE, PageLink.Kind.FILE.value, PageLink.Kind.REDIRECT.value]
MAX_DEPTH = 8


def initial_state(appeared_or_gone, changed) -> dict:
    """The fan-out of one save: linkers of ``appeared_or_gone``, includers of both sets."""
    queue: list[list] = []
    for title in sorted(appeared_or_gone):
        queue.extend([title, kind, 0] for kind in LINKING_KINDS)
    queue.extend([title, INCLUDE, 0] for title in sorted(set(changed) - set(appeared_or_gone)))
    included = sorted(set(changed) | set(appeared_or_gone))
    return {"queue": queue, "pos": 0, "after": 0, "seen": included, "bumped": 0}


def finished(state: dict) -> bool:
    return state["pos"] >= len(state["queue"])


def advance(state: dict, chunk: int) -> dict:
    """One chunk of at most ``chunk`` pages re-stamped; the new state (the caller's transaction
    makes the chunk and its recorded state one commit)."""
    state = {**state, "queue": list(state["queue"]), "seen": list(state["seen"])}
    if finished(state):
        return state
    title, kind, depth = state["queue"][state["pos"]]
    ids = _sources(title, kind, state["after"], chunk)
    if ids:
        Document.objects.filter(id__in=ids).update(render_stamp=F("render_stamp") + 1)
        state["bumped"] += len(ids)
        if kind == INCLUDE and depth + 1 < MAX_DEPTH:
            _queue_included(state, ids, depth + 1)
    if len(ids) < chunk:
        state["pos"], state["after"] = state["pos"] + 1, 0
    else:
        state["after"] = ids[-1]
    return state


def _sources(title: str, kind: str, after: int, limit: int) -> list[int]:
    """Ids of pages with a ``kind`` link to ``title`` after id ``after`` (the (target, kind, source) index)."""
    table = connection.ops.quote_name(PageLink._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT source_id FROM {table} WHERE target = %s AND kind = %s AND source_id > %s "
                       "ORDER BY source_id LIMIT %s", [title, kind, after, limit])
        return [row[0] for row in cursor.fetchall()]


def _queue_included(state: dict, ids: list[int], depth: int) -> None:
    """Pages of ``ids`` that other pages include: their includers are stale too (next levels)."""
    titles = [join_title(ns, name) for ns, name in Document.objects.filter(id__in=ids).values_list("namespace", "title")]
    seen = set(state["seen"])
    table = connection.ops.quote_name(PageLink._meta.db_table)
    with connection.cursor() as cursor:
        for part, marks in in_chunks([t for t in titles if t not in seen]):
            cursor.execute(f"SELECT DISTINCT target FROM {table} WHERE kind = %s AND target IN ({marks})",
                           [INCLUDE, *part])
            for (target,) in cursor.fetchall():
                if target not in seen:
                    seen.add(target)
                    state["seen"].append(target)
                    state["queue"].append([target, INCLUDE, depth])


def start(appeared_or_gone, changed) -> int | None:
    """The fan-out of a save, called inside its transaction; the id of the job left to finish it.

    Up to conf.fanout_inline_limit() pages are re-stamped right here, in the same commit as the
    edit: the usual save touches a handful, and doing them now makes red/blue links and small
    templates right at once, with no runner needed and nothing to lose in a crash. Past that, the
    whole fan-out becomes a job (committed with the edit), so the save stays as fast as any other;
    the few pages already re-stamped are re-stamped again, which costs a re-render, nothing more."""
    import hashlib
    import json

    from seedwiki.jobs import conf
    from seedwiki.jobs.enqueue import enqueue

    state = initial_state(appeared_or_gone, changed)
    budget = conf.fanout_inline_limit()
    while not finished(state) and state["bumped"] < budget:
        state = advance(state, budget)
    if finished(state):
        return None
    args = {"appeared_or_gone": sorted(appeared_or_gone), "changed": sorted(changed)}
    digest = hashlib.sha1(json.dumps(args, ensure_ascii=False, sort_keys=True).encode()).hexdigest()
    return enqueue("fanout", args, key=f"fanout:{digest}")
