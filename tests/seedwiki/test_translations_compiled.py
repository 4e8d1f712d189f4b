"""The committed .mo catalogs hold every translated message of their .po files.

`make` compiles the catalogs only where msgfmt exists and Django skips a .po older than its .mo, so
a stale .mo (a merge that kept one side's binary file) would silently show Korean to English
readers. This reads both files with the standard library and compares them.
"""
from __future__ import annotations

import ast
import gettext
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "seedwiki"
CATALOGS = sorted(SRC.rglob("locale/*/LC_MESSAGES/django.po"))


def _po_messages(path: Path) -> set[str]:
    """msgids (with their msgctxt) of the translated, non-fuzzy entries of a .po file."""
    found: set[str] = set()
    entry: dict[str, str] = {}
    fuzzy = False
    field = None

    def finish():
        if entry.get("msgid") and (entry.get("msgstr") or entry.get("msgstr[0]")) and not fuzzy:
            context = entry.get("msgctxt")
            found.add(f"{context}\x04{entry['msgid']}" if context is not None else entry["msgid"])

    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = line.strip()
        if not line:
            finish()
            entry, fuzzy, field = {}, False, None
        elif line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        elif line.startswith("#"):
            continue
        elif line.startswith('"') and field:
            entry[field] += ast.literal_eval(line)
        else:
            keyword, _, rest = line.partition(" ")
            field = keyword
            entry[field] = ast.literal_eval(rest)
    return found


@pytest.mark.parametrize("po", CATALOGS, ids=lambda p: str(p.relative_to(SRC)))
def test_the_compiled_catalog_has_every_translation(po):
    with open(po.with_suffix(".mo"), "rb") as stream:
        compiled = gettext.GNUTranslations(stream)._catalog  # noqa: SLF001 — the parsed catalog
    keys = {key if isinstance(key, str) else key[0] for key in compiled}
    missing = sorted(_po_messages(po) - keys)
    assert not missing, f"{len(missing)} messages not compiled, e.g. {missing[:3]} — run `make messages`"


def test_there_are_catalogs():
    assert len(CATALOGS) >= 5
