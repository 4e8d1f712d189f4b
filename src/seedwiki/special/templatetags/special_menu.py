"""{% special_pages as pages %}: the 특수 기능 menu's entries (special/menu.py)."""
from django import template

from seedwiki.special.menu import available_special_pages

register = template.Library()


@register.simple_tag
def special_pages():
    return available_special_pages()
