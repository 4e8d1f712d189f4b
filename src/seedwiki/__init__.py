"""seedwiki: a NamuMark wiki (the seed's pages) on Django."""

__version__ = "0.1.0"
