"""Document services: plain functions that views, the CLI and import all call.

Every write runs in one transaction: the revision row, its blob, the link rows, the search row;
the fan-out to other pages' cached HTML runs after commit.
"""
from seedwiki.documents.services.delete import delete_page
from seedwiki.documents.services.edit import EditResult, edit_page
from seedwiki.documents.services.errors import (
    ConflictError,
    EditError,
    NoChangeError,
    PageExistsError,
    PageNotFoundError,
    RevisionNotFoundError,
    TitleError,
    TooLargeError,
)
from seedwiki.documents.services.move import move_page
from seedwiki.documents.services.revert import restore_page, revert_page
from seedwiki.documents.services.storage import get_text

__all__ = [
    "ConflictError", "EditError", "EditResult", "NoChangeError", "PageExistsError", "PageNotFoundError",
    "RevisionNotFoundError", "TitleError", "TooLargeError",
    "delete_page", "edit_page", "get_text", "move_page", "restore_page", "revert_page",
]
