"""What the renderer learns about [[파일:…]] (called by rendering.DbContext.file_info)."""
from __future__ import annotations

from namumark.context import FileInfo

from seedwiki import titles


def file_info(title: str) -> FileInfo | None:
    """URL and pixel size of the latest upload of a live 파일: page, else None."""
    from seedwiki.documents.models import Document

    from .views import latest_upload

    try:
        namespace, bare = titles.parse_title(title)
    except titles.TitleError:
        return None
    if namespace != titles.FILE:
        return None
    document = Document.objects.filter(namespace=namespace, title=bare).first()
    if document is None or not document.exists:
        return None
    upload_row = latest_upload(document)
    if upload_row is None:
        return None
    return FileInfo(url=upload_row.url, width=upload_row.width, height=upload_row.height)
