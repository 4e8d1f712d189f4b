"""LinkCount kept by the database: per target and namespace, how many pages refer to it ("ref":
any link, include, file or redirect row, each page once) and how many are its category members.

Triggers, not service code: link rows are written by saves, moves, deletes, the import's bulk
inserts and `seedwiki rebuild`, and any of them may change; a trigger sees every one. SQLite
triggers run per row; PostgreSQL's run once per statement over its transition table, so a bulk
insert of thousands of rows costs one grouped update. A page changing namespace (a move) carries
its counts along.

`fill_link_counts()` recomputes the table from the link rows (the migration, and a repair).
"""
from __future__ import annotations

from contextlib import contextmanager

REF_KINDS = ("link", "include", "file", "redirect")
COUNTED = "('link', 'include', 'file', 'redirect', 'category')"
REFS = "('link', 'include', 'file', 'redirect')"
CLASS = "CASE {kind} WHEN 'category' THEN 'category' ELSE 'ref' END"

# The fill: each source is in one namespace, so a target's count in the main namespace is its
# count over every source less its counts in the others. Counted that way the link rows are read in
# index order with no lookup of each one's page; only the links of pages outside the main namespace
# (a minority) are joined with their page. The one grouped join over every row looked its page up
# per row: at 1M pages (42M link rows) that took 483 s where 100k took 16 s.
_FILL = [
    f"""INSERT INTO documents_linkcount (target, kind, namespace, n)
SELECT l.target, {CLASS.format(kind="l.kind")}, %(main)s, COUNT(DISTINCT l.source_id)
FROM documents_pagelink l WHERE l.kind IN {COUNTED}
GROUP BY l.target, {CLASS.format(kind="l.kind")}""",
    f"""INSERT INTO documents_linkcount (target, kind, namespace, n)
SELECT l.target, {CLASS.format(kind="l.kind")}, d.namespace, COUNT(DISTINCT l.source_id)
FROM documents_document d JOIN documents_pagelink l ON l.source_id = d.id
WHERE d.namespace <> %(main)s AND l.kind IN {COUNTED}
GROUP BY l.target, {CLASS.format(kind="l.kind")}, d.namespace""",
    """UPDATE documents_linkcount SET n = documents_linkcount.n - o.elsewhere FROM (
    SELECT target, kind, SUM(n) AS elsewhere FROM documents_linkcount WHERE namespace <> %(main)s GROUP BY target, kind) o
WHERE documents_linkcount.namespace = %(main)s AND documents_linkcount.target = o.target
AND documents_linkcount.kind = o.kind""",
    "DELETE FROM documents_linkcount WHERE namespace = %(main)s AND n = 0",
]

_SQLITE = [
    f"""CREATE TRIGGER linkcount_insert AFTER INSERT ON documents_pagelink
WHEN NEW.kind IN {COUNTED} AND (NEW.kind = 'category' OR NOT EXISTS (
    SELECT 1 FROM documents_pagelink o WHERE o.target = NEW.target AND o.kind IN {REFS}
    AND o.source_id = NEW.source_id AND o.id <> NEW.id))
BEGIN
    INSERT INTO documents_linkcount (target, kind, namespace, n)
    SELECT NEW.target, {CLASS.format(kind="NEW.kind")}, d.namespace, 1 FROM documents_document d WHERE d.id = NEW.source_id
    ON CONFLICT (target, kind, namespace) DO UPDATE SET n = n + 1;
END""",
    f"""CREATE TRIGGER linkcount_delete AFTER DELETE ON documents_pagelink
WHEN OLD.kind IN {COUNTED} AND (OLD.kind = 'category' OR NOT EXISTS (
    SELECT 1 FROM documents_pagelink o WHERE o.target = OLD.target AND o.kind IN {REFS}
    AND o.source_id = OLD.source_id))
BEGIN
    UPDATE documents_linkcount SET n = n - 1 WHERE target = OLD.target AND kind = {CLASS.format(kind="OLD.kind")}
    AND namespace = (SELECT namespace FROM documents_document WHERE id = OLD.source_id);
END""",
    f"""CREATE TRIGGER linkcount_namespace AFTER UPDATE OF namespace ON documents_document
WHEN OLD.namespace <> NEW.namespace
BEGIN
    UPDATE documents_linkcount SET n = n - 1 WHERE namespace = OLD.namespace AND (target, kind) IN (
        SELECT DISTINCT target, {CLASS.format(kind="kind")} FROM documents_pagelink
        WHERE source_id = NEW.id AND kind IN {COUNTED});
    INSERT INTO documents_linkcount (target, kind, namespace, n)
    SELECT DISTINCT target, {CLASS.format(kind="kind")}, NEW.namespace, 1 FROM documents_pagelink
    WHERE source_id = NEW.id AND kind IN {COUNTED}
    ON CONFLICT (target, kind, namespace) DO UPDATE SET n = n + 1;
END""",
]

_UPSERT = """INSERT INTO documents_linkcount (target, kind, namespace, n) {rows}
    ON CONFLICT (target, kind, namespace) DO UPDATE SET n = documents_linkcount.n + EXCLUDED.n"""

# Per statement: a (page, target) pair counts once it has its first ref row (all its ref rows are new
# ones) and stops counting when its last one goes.
_POSTGRES = [
    f"""CREATE FUNCTION documents_linkcount_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    {_UPSERT.format(rows=f'''
    SELECT g.target, g.kind, d.namespace, COUNT(*) FROM (
        SELECT source_id, target, {CLASS.format(kind="kind")} AS kind, COUNT(*) AS c FROM new_rows
        WHERE kind IN {COUNTED} GROUP BY source_id, target, {CLASS.format(kind="kind")}) g
    JOIN documents_document d ON d.id = g.source_id
    WHERE g.kind = 'category' OR g.c = (SELECT COUNT(*) FROM documents_pagelink o WHERE o.target = g.target
                                        AND o.kind IN {REFS} AND o.source_id = g.source_id)
    GROUP BY g.target, g.kind, d.namespace''')};
    RETURN NULL;
END $$""",
    f"""CREATE FUNCTION documents_linkcount_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE documents_linkcount l SET n = l.n - gone.c FROM (
        SELECT g.target, g.kind, d.namespace, COUNT(*) AS c FROM (
            SELECT DISTINCT source_id, target, {CLASS.format(kind="kind")} AS kind FROM old_rows
            WHERE kind IN {COUNTED}) g
        JOIN documents_document d ON d.id = g.source_id
        WHERE g.kind = 'category' OR NOT EXISTS (SELECT 1 FROM documents_pagelink o WHERE o.target = g.target
                                                 AND o.kind IN {REFS} AND o.source_id = g.source_id)
        GROUP BY g.target, g.kind, d.namespace) gone
    WHERE l.target = gone.target AND l.kind = gone.kind AND l.namespace = gone.namespace;
    RETURN NULL;
END $$""",
    f"""CREATE FUNCTION documents_linkcount_namespace() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE documents_linkcount l SET n = l.n - 1 FROM (
        SELECT DISTINCT target, {CLASS.format(kind="kind")} AS kind FROM documents_pagelink
        WHERE source_id = NEW.id AND kind IN {COUNTED}) g
    WHERE l.namespace = OLD.namespace AND l.target = g.target AND l.kind = g.kind;
    {_UPSERT.format(rows=f'''
    SELECT DISTINCT target, {CLASS.format(kind="kind")}, NEW.namespace, 1 FROM documents_pagelink
    WHERE source_id = NEW.id AND kind IN {COUNTED}''')};
    RETURN NULL;
END $$""",
    """CREATE TRIGGER linkcount_insert AFTER INSERT ON documents_pagelink REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION documents_linkcount_insert()""",
    """CREATE TRIGGER linkcount_delete AFTER DELETE ON documents_pagelink REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION documents_linkcount_delete()""",
    """CREATE TRIGGER linkcount_namespace AFTER UPDATE OF namespace ON documents_document FOR EACH ROW
    WHEN (OLD.namespace IS DISTINCT FROM NEW.namespace) EXECUTE FUNCTION documents_linkcount_namespace()""",
]

_DROP_SQLITE = ["DROP TRIGGER IF EXISTS linkcount_insert", "DROP TRIGGER IF EXISTS linkcount_delete",
                "DROP TRIGGER IF EXISTS linkcount_namespace"]
_DROP_POSTGRES = ["DROP TRIGGER IF EXISTS linkcount_insert ON documents_pagelink",
                  "DROP TRIGGER IF EXISTS linkcount_delete ON documents_pagelink",
                  "DROP TRIGGER IF EXISTS linkcount_namespace ON documents_document",
                  "DROP FUNCTION IF EXISTS documents_linkcount_insert()",
                  "DROP FUNCTION IF EXISTS documents_linkcount_delete()",
                  "DROP FUNCTION IF EXISTS documents_linkcount_namespace()"]


def _run(connection, statements) -> None:
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def create_triggers(connection) -> None:
    _run(connection, _POSTGRES if connection.vendor == "postgresql" else _SQLITE)


def drop_triggers(connection) -> None:
    _run(connection, _DROP_POSTGRES if connection.vendor == "postgresql" else _DROP_SQLITE)


def fill_link_counts() -> None:
    """Recompute every count from the link rows (in the caller's transaction)."""
    from django.db import connection

    from seedwiki.titles import MAIN

    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM documents_linkcount")
        for statement in _FILL:
            cursor.execute(statement, {"main": MAIN})


@contextmanager
def suspended():
    """Write link rows in bulk without the triggers; recompute the counts once at the end.

    Per-row triggers made SQLite's bulk link inserts 2–3 times slower; one grouped pass at the end
    is cheaper when much is written (`seedwiki rebuild`, a large import). The counts are refilled
    and the triggers put back in one transaction, even when the block fails, unless the block did
    so itself (``ensure_triggers``: an import does, while its text index builds); a process killed
    inside the block leaves them off until the next import, rebuild or `seedwiki specials --rebuild`
    (which call ``ensure_triggers``)."""
    from django.db import connection, transaction

    with transaction.atomic():
        drop_triggers(connection)
    try:
        yield
    finally:
        ensure_triggers()


def ensure_triggers() -> bool:
    """Put the triggers back (and refill the counts) if a killed bulk write left them off; True if it did."""
    from django.db import connection, transaction

    if connection.vendor == "postgresql":
        sql = "SELECT COUNT(*) FROM pg_trigger WHERE tgname LIKE 'linkcount_%%' AND NOT tgisinternal"
    else:
        sql = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'linkcount_%'"
    with connection.cursor() as cursor:
        cursor.execute(sql)
        present = cursor.fetchone()[0]
    if present == 3:
        return False
    with transaction.atomic():
        drop_triggers(connection)
        fill_link_counts()
        create_triggers(connection)
    return True
