"""Full-text search over documents.

Public API (called by the edit services inside their transaction, by views and by the CLI):
    index_document(document, text, *, plain_text=None)   text: NamuMark source of the latest revision;
                                     plain_text: its render_text when the caller already has it
    index_documents([(document, plain_text), …])          bulk rows for brand-new documents (import)
    remove_document(document)
    search(q, target="title_content", namespace=None, limit=20, offset=0, within=None) -> SearchResults
                                     (hits, total, approximate, timed_out, reachable)
    query(…same…) -> (total, [SearchHit])
    indexing.drop_indexes() / indexing.build_indexes()   around a bulk load (import, rebuild)
    rebuild_index(*, full=False) -> int
"""
from .api import (SearchHit, SearchResults, index_document, index_documents, query, rebuild_index,
                  remove_document, search)

__all__ = ["SearchHit", "SearchResults", "index_document", "index_documents", "query", "rebuild_index",
           "remove_document", "search"]
