"""What the robustness, safety and limits tests render with: the page's title, a fixed clock and a
MemoryContext holding the example image plus the pages each test needs."""
from __future__ import annotations

import datetime as dt

from namumark.context import FileInfo, MemoryContext

KST = dt.timezone(dt.timedelta(hours=9))
# the page being rendered: resolves [[../]], [[/하위]] and #!if calleeTitle
TITLE = "시험 문서/하위"
EXAMPLE_FILES = {"파일:example.png": FileInfo("/file/example.png", 640, 480)}


def memory_context(pages: dict[str, str], extra_files: dict[str, FileInfo] | None = None) -> MemoryContext:
    return MemoryContext(pages=pages, files={**EXAMPLE_FILES, **(extra_files or {})},
                         clock=dt.datetime(2026, 7, 17, 12, 0, tzinfo=KST))
