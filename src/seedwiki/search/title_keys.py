"""Titles as trigram keys, so a 1–2 character term is found in titles by an index lookup.

The key of a title is its lowercased text with every character tripled ("별빛" → "별별별빛빛빛"):
a 1-character term is the trigram "별별별" there, a 2-character term the phrase "바바바람람람", and
a title contains the term exactly when its key contains the term's key (a tripled run can only
line up with the tripled runs of the key). PostgreSQL indexes search_title_key(title), a SQL
function (migration 0004). SQLite has no function to write it with, so the key is computed here
and kept in search_title_key (migration 0005), indexed by the FTS5 trigram table
search_title_key_fts (external content, kept by triggers on search_title_key).

Who keeps search_title_key right on SQLite: this module's store_keys(), called by search/api.py
wherever a search_entry row gets a title (a new row, a changed title, a bulk load). Triggers on
search_entry remove a row's key when the row goes or its title changes, so a key is never stale,
whoever wrote the row; `seedwiki rebuild --full` fills every key again.
"""
from __future__ import annotations

from typing import Iterable

KEY_TABLE = "search_title_key"
KEY_FTS = "search_title_key_fts"

SQLITE_CREATE = [
    f"CREATE TABLE IF NOT EXISTS {KEY_TABLE} (id INTEGER PRIMARY KEY, key TEXT NOT NULL)",
    f"""CREATE VIRTUAL TABLE IF NOT EXISTS {KEY_FTS} USING fts5(
        key, content='{KEY_TABLE}', content_rowid='id', tokenize='trigram')""",
    f"""CREATE TRIGGER IF NOT EXISTS {KEY_TABLE}_ai AFTER INSERT ON {KEY_TABLE} BEGIN
        INSERT INTO {KEY_FTS}(rowid, key) VALUES (new.id, new.key);
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS {KEY_TABLE}_ad AFTER DELETE ON {KEY_TABLE} BEGIN
        INSERT INTO {KEY_FTS}({KEY_FTS}, rowid, key) VALUES ('delete', old.id, old.key);
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS {KEY_TABLE}_au AFTER UPDATE ON {KEY_TABLE} BEGIN
        INSERT INTO {KEY_FTS}({KEY_FTS}, rowid, key) VALUES ('delete', old.id, old.key);
        INSERT INTO {KEY_FTS}(rowid, key) VALUES (new.id, new.key);
    END""",
    # A row that goes, or whose title changes, loses its key at once (store_keys writes the new one).
    f"""CREATE TRIGGER IF NOT EXISTS search_entry_key_ad AFTER DELETE ON search_entry BEGIN
        DELETE FROM {KEY_TABLE} WHERE id = old.id;
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS search_entry_key_au AFTER UPDATE OF title ON search_entry
        WHEN old.title IS NOT new.title BEGIN
        DELETE FROM {KEY_TABLE} WHERE id = old.id;
    END""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS search_entry_key_au",
    "DROP TRIGGER IF EXISTS search_entry_key_ad",
    f"DROP TRIGGER IF EXISTS {KEY_TABLE}_au",
    f"DROP TRIGGER IF EXISTS {KEY_TABLE}_ad",
    f"DROP TRIGGER IF EXISTS {KEY_TABLE}_ai",
    f"DROP TABLE IF EXISTS {KEY_FTS}",
    f"DROP TABLE IF EXISTS {KEY_TABLE}",
]
BATCH = 5000


def title_key(text: str) -> str:
    """What search_title_key() (PostgreSQL, migration 0004) makes of a title, and SQLite stores."""
    return "".join(ch * 3 for ch in text.lower())


def store_keys(cursor, rows: Iterable[tuple[int, str]]) -> None:
    """The keys of these (search_entry id, title) rows, written or replaced (SQLite)."""
    cursor.executemany(f"INSERT INTO {KEY_TABLE} (id, key) VALUES (%s, %s) "
                       "ON CONFLICT (id) DO UPDATE SET key = excluded.key",
                       [(pk, title_key(title)) for pk, title in rows])


def fill_keys(cursor, *, after_id: int = 0) -> None:
    """The keys of every search_entry row past ``after_id`` (a bulk load, a migration, a rebuild)."""
    last = after_id
    while True:
        cursor.execute("SELECT id, title FROM search_entry WHERE id > %s ORDER BY id LIMIT %s", [last, BATCH])
        rows = cursor.fetchall()
        if not rows:
            return
        store_keys(cursor, rows)
        last = rows[-1][0]


def key_needle(term: str) -> str:
    """What to look up in the keys for a 1–2 character term: for two different characters "바람" the
    one trigram "바바람", which a key holds exactly where 바 is followed by 람 (one posting list
    read, no phrase positions to compare: 23 → 1 ms at a million titles); otherwise the whole key."""
    key = title_key(term)
    if len(term) == 2 and key[0] != key[3]:
        return key[1:4]
    return key
