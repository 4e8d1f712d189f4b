"""Hard limits that keep every input, however hostile, inside linear time and bounded output.

Past a limit the renderer degrades (the construct is shown as its source text or dropped); it
never raises and never walks the input again.
"""
from __future__ import annotations

# Block nesting: quotes, indents, lists, tables in cells, {{{#!wiki}}} in {{{#!wiki}}} …
MAX_BLOCK_DEPTH = 24
# Inline nesting: styles inside links inside footnotes inside colours …
MAX_INLINE_DEPTH = 48
# Quote depth the help page promises ("최대 8개까지만 적용"); deeper '>' are plain text.
MAX_QUOTE_DEPTH = 8
# [include(...)] depth: the seed does not expand includes inside included pages.
MAX_INCLUDE_DEPTH = 1
# Distinct [include] expansions per render (each one parses another page).
MAX_INCLUDES = 200
# Included page source size taken into account, per include and in total per render.
MAX_INCLUDE_SOURCE = 512 * 1024
MAX_INCLUDE_TOTAL = 1024 * 1024
# Footnotes numbered per render; later ones render as their plain text marker.
MAX_FOOTNOTES = 20_000
# Rendered HTML size: past this the body is cut at a block boundary with a notice.
MAX_OUTPUT_CHARS = 16 * 1024 * 1024
# Table geometry guards (colspan/rowspan attributes are clamped to this).
MAX_SPAN = 1000
# Headings numbered (TOC size).
MAX_HEADINGS = 5000
# Macro argument length looked at.
MAX_MACRO_ARGS = 4096

# --- the per-render budget (namumark.budget.Budget counts against these while rendering) -----
# Characters produced by substitution: #!if variables (@name@ in a true #!if body) and include
# arguments (@param@ in the included page). Each substituted text is re-parsed, so this bounds
# the markup one render may parse beyond the page itself.
MAX_SUBSTITUTED_CHARS = 2 * 1024 * 1024
# #!if heads evaluated per render (our interpreter costs ~10 µs per character of expression).
MAX_CONDITION_CHARS = 96 * 1024
# Plain text for the search index and render_text (footnote lists and includes included).
MAX_TEXT_CHARS = 4 * 1024 * 1024
# Code handed to Pygments per {{{#!syntax}}} block and per render; the rest is plain code.
MAX_HIGHLIGHT_BLOCK = 64 * 1024
MAX_HIGHLIGHT_CHARS = 64 * 1024
# TeX converted to MathML per render ([math(…)] and <math>); later formulas show their source.
MAX_MATH_CHARS = 24 * 1024
MAX_MATH_FORMULAS = 1000
# Table grid area: the cells a table covers counting rowspan × colspan (clipped to its rows),
# per table and per render. A table past either renders as its source.
MAX_TABLE_AREA = 250_000
MAX_GRID_AREA = 1_000_000
# {{{#!html}}} source sanitized per render (nh3 costs ~0.1 ms per block and per KB).
MAX_HTML_CHARS = 128 * 1024
# Nodes visited by one render (the page's and every re-parsed body's).
MAX_NODES = 4_000_000
# How much of a refused construct's source is shown under its notice.
MAX_NOTICE_SOURCE = 4096
