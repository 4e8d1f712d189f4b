"""documents announces changed link rows by a signal; the special pages' refresh listens to it, so
documents imports nothing of special (the dependency points one way) and behaves as before."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from seedwiki.documents.services import delete_page
from seedwiki.documents.signals import links_changed
from seedwiki.jobs.models import Job

from pages_helpers import save

pytestmark = pytest.mark.django_db(transaction=True)
DOCUMENTS = Path(__file__).resolve().parents[2] / "src" / "seedwiki" / "documents"


def _imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def test_the_documents_services_import_nothing_of_special():
    for path in (DOCUMENTS / "services").glob("*.py"):
        assert not any(name.startswith("seedwiki.special") for name in _imported_modules(path)), path.name


def test_link_changes_reach_the_refresh_through_the_signal_only(monkeypatch):
    monkeypatch.setenv("SEEDWIKI_SPECIAL_LISTS_EVERY", "300")
    heard = []
    links_changed.connect(lambda sender, **kwargs: heard.append(sender), dispatch_uid="test-listener", weak=False)
    try:
        save("신호 문서", "[[어딘가]]")  # new link rows
        assert len(heard) >= 1 and Job.objects.filter(kind="special_lists").count() == 1
        Job.objects.all().delete()
        heard.clear()
        save("신호 문서", "[[어딘가]] 글만 고침")  # the same links: nothing announced
        assert heard == [] and not Job.objects.exists()
        delete_page("신호 문서", ip="192.0.2.44")
        assert heard and Job.objects.filter(kind="special_lists").count() == 1
        Job.objects.all().delete()
        assert links_changed.disconnect(dispatch_uid="special-lists-refresh")
        try:
            save("다른 신호 문서", "[[다른 곳]]")  # announced, but nobody refreshes lists now
            assert heard and not Job.objects.filter(kind="special_lists").exists()
        finally:
            from seedwiki.special import list_refresh

            links_changed.connect(list_refresh.on_links_changed, dispatch_uid="special-lists-refresh")
    finally:
        links_changed.disconnect(dispatch_uid="test-listener")
