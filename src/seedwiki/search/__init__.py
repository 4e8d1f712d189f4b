"""Full-text search over documents.

Public API (called by the edit services inside their transaction, by views and by the CLI):
    index_document(document, text, *, plain_text=None)   text: NamuMark source of the latest revision;
                                     plain_text: its render_text when the caller already has it
    index_documents([(document, plain_text), …])          bulk rows for brand-new documents (import)
    remove_document(document)
    query(q, target="title_content", namespace=None, limit=20, offset=0) -> (total, [SearchHit])
    rebuild_index(*, full=False) -> int
"""
from .api import SearchHit, index_document, index_documents, query, rebuild_index, remove_document

__all__ = ["SearchHit", "index_document", "index_documents", "query", "rebuild_index", "remove_document"]
