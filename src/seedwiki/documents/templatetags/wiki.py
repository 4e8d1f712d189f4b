"""Template helpers: page URLs from full titles."""
from urllib.parse import quote

from django import template

from seedwiki.titles import page_url

register = template.Library()


@register.filter
def wiki_url(full_title, action="w"):
    """``{{ title|wiki_url }}`` → /w/…, ``{{ title|wiki_url:"edit" }}`` → /edit/…"""
    return page_url(str(full_title), action)


@register.filter
def urlq(value):
    """Percent-encode a query-string value."""
    return quote(str(value), safe="")


@register.filter
def signed(number):
    """Size changes as the seed shows them: +12 / -3 / 0."""
    number = int(number or 0)
    return f"+{number}" if number > 0 else str(number)
