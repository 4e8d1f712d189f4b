"""Template filters shared by the accounts, search, special and files pages."""
from django import template

from seedwiki import titles

register = template.Library()


@register.filter
def page_url(full_title, action="w"):
    """``{{ doc.full_title|page_url }}`` → ``/w/<quoted title>``; ``|page_url:"history"`` etc."""
    return titles.page_url(str(full_title), action)


@register.filter
def signed(number):
    """Size deltas the way the seed shows them: ``+12``, ``-3``, ``0``."""
    try:
        number = int(number)
    except (TypeError, ValueError):
        return ""
    return f"+{number}" if number > 0 else str(number)
