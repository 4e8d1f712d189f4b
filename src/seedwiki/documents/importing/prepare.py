"""Everything about one dump entry that needs no database, done in worker processes.

The process writing the database then only moves bytes (the text itself travels back only
compressed): title checked, text normalised, parsed
once (links, categories, redirect, plain text for search), hashed and compressed.
"""
from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from seedwiki.documents.compression import compress_verified
from seedwiki.documents.models import Blob
from seedwiki.documents.services import derive
from seedwiki.documents.services.analysis import analyse_text
from seedwiki.documents.services.storage import normalize_text
from seedwiki.titles import TitleError, parse_title


@dataclass
class PreparedPage:
    key: tuple[str, str]  # (namespace, title)
    size: int  # UTF-8 bytes
    blob_hash: str
    blob_data: bytes  # zstd, checked to decompress back to the text
    redirect_target: str
    link_rows: list[tuple[str, str, str, bool]]  # (target, kind, sort key, blur)
    plain_text: str
    extra: dict


@dataclass
class Refused:
    full_title: str
    reason: str


def prepare(job: tuple[str, str, dict]) -> PreparedPage | Refused:
    """Worker entry point (module-level so it pickles): ``job`` is (full title, text, extra)."""
    full_title, text, extra = job
    try:
        key = parse_title(full_title)
    except TitleError as error:
        return Refused(full_title, str(error))
    text = normalize_text(text or "")
    raw = text.encode("utf-8")
    if len(raw) > settings.SEEDWIKI_MAX_TEXT_BYTES:
        return Refused(full_title, "문서 크기가 너무 큽니다.")
    meta = analyse_text(text, title=full_title, with_plain_text=True)
    return PreparedPage(
        key=key, size=len(raw), blob_hash=Blob.hash_of(raw), blob_data=compress_verified(raw, fast=True),
        redirect_target=derive.redirect_of(meta), link_rows=derive.link_tuples(meta),
        plain_text=meta.plain_text if meta.plain_text is not None else text, extra=extra,
    )
