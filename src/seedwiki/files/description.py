"""The NamuMark text of a new 파일: page, written from the upload form."""
from __future__ import annotations


def description_text(*, summary: str, license: str, category: str) -> str:
    lines = ["== 요약 ==", summary.strip(), "", "== 라이선스 ==", license, ""]
    if category:
        lines.append(f"[[분류:{category}]]")
    return "\n".join(lines).rstrip("\n") + "\n"
