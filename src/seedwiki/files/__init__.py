"""Uploaded files: /Upload, their 파일: pages, and serving the bytes with safe headers.

``file_info(title)`` is the renderer's question "what are file X's URL and size" (rendering.DbContext).
"""
from .info import file_info

__all__ = ["file_info"]
