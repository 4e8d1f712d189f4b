"""``{% star_box full_title document %}``: the title bar's star button and count."""
from django import template

from seedwiki.members.models import Star
from seedwiki.members.stars import star_count

register = template.Library()


@register.inclusion_tag("members/_star_box.html", takes_context=True)
def star_box(context, full_title, document):
    request = context.get("request")
    user = getattr(request, "user", None)
    document_id = getattr(document, "pk", None)
    starred = bool(user is not None and user.is_authenticated and document_id
                   and Star.objects.filter(user=user, document_id=document_id).exists())
    return {"full_title": full_title, "count": star_count(document_id), "starred": starred,
            "exists": document_id is not None}
