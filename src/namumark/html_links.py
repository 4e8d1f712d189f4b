"""Links and file embeds → HTML: internal, external and self links, images and missing files."""
from __future__ import annotations

from . import escape as esc
from . import links
from .html_style import color_decl, style_attr
from .nodes import FileEmbed, Link


class LinkRendering:
    """The link and file methods of :class:`namumark.html.HtmlRenderer`."""

    def _exists(self, title: str) -> bool:
        cache = self.shared["exists"]
        v = cache.get(title)
        if v is None:
            try:
                v = bool(self.ctx.page_exists(title))
            except Exception:
                v = False
            cache[title] = v
        return v

    def _link(self, node: Link, out: list) -> None:
        if self.in_link:
            # no link inside a link (browsers split nested <a> apart): the inner one is its text
            if node.label is not None:
                self.inlines(node.label, out)
            elif node.external:
                out.append(esc.text(node.target))
            else:
                out.append(esc.text(node.target or "#" + (node.anchor or "")))
            return
        if node.external:
            url = node.target
            href = esc.external_href(url)
            # the tooltip is the URL without its fragment (spec namumark.md §4.4, 렌더확정)
            out.append('<a class="wiki-link-external" href="%s" target="_blank" '
                       'rel="nofollow noopener ugc" title="%s">' % (esc.attr(href),
                                                                  esc.attr(url.split("#", 1)[0])))
            self._label(node, url, out)
            out.append("</a>")
            return
        title = (node.target if node.pinned else links.resolve_relative(node.target, self.title)
                 ) if node.target else ""
        if not title:
            if node.anchor is None:
                href = ""
            else:
                href = esc.anchor_href(node.anchor)
            out.append('<a class="wiki-link-internal" href="%s" title="">' % esc.attr(href))
            self._label(node, "#" + (node.anchor or ""), out)
            out.append("</a>")
            return
        # asked per link, not kept per page: the hosts' page_url quote through
        # namumark.escape.quote, whose bounded cache makes a repeated title cheap (issue 11,
        # memory: a page's own URL cache held one string per target till the render's end)
        href = self.ctx.page_url(title)
        if node.anchor:
            href += esc.anchor_href(node.anchor)
        default_label = node.target
        if title == self.title and node.anchor is None:
            cls, rel = "wiki-link-internal wiki-self-link", ""
        elif self._exists(title):
            cls, rel = "wiki-link-internal", ""
        else:
            cls, rel = "wiki-link-internal not-exist", ' rel="nofollow"'
        out.append('<a class="%s" href="%s"%s title="%s">' % (cls, esc.attr(href), rel,
                                                             esc.attr(title)))
        self._label(node, default_label, out)
        out.append("</a>")

    def _label(self, node: Link, default: str, out: list) -> None:
        if node.label is None:
            out.append(esc.text(default))
        else:
            self.in_link += 1
            self.inlines(node.label, out)
            self.in_link -= 1

    def _file(self, node: FileEmbed, out: list) -> None:
        try:
            info = self.ctx.file_info(node.title)
        except Exception:
            info = None
        href = self.ctx.page_url(node.title)
        if info is None:
            # a host may send readers of a missing file to its upload form (missing_file_url)
            missing = getattr(self.ctx, "missing_file_url", None)
            href = missing(node.title) if missing is not None else href
            if self.in_link:  # no link inside a link: the missing file shows as its name
                out.append(esc.text(node.title))
                return
            out.append('<a class="wiki-link-internal not-exist" href="%s" rel="nofollow" '
                       'title="%s">%s</a>' % (esc.attr(href), esc.attr(node.title),
                                              esc.text(node.title)))
            return
        o = node.options
        cls = "wiki-image-align-" + o.get("align", "normal")
        if o.get("theme"):
            cls += " wiki-theme-" + o["theme"]
        outer, dark = [], []
        if "width" in o:
            outer.append("width: %s" % o["width"])
        if "height" in o:
            outer.append("height: %s" % o["height"])
        color_decl("background-color", o.get("bgcolor"), outer, dark)
        img_style = []
        if "border-radius" in o:
            img_style.append("border-radius: %s" % o["border-radius"])
        if "rendering" in o:
            img_style.append("image-rendering: %s" % o["rendering"])
        if "object-fit" in o:
            img_style.append("object-fit: %s" % o["object-fit"])
        img_attrs = ""
        if "width" in o:
            img_attrs += ' width="100%"'
        if "height" in o:
            img_attrs += ' height="100%"'
        if info.width and "width" not in o and "height" not in o:
            img_attrs += ' width="%d"' % int(info.width)
            if info.height:
                img_attrs += ' height="%d"' % int(info.height)
        link = not self.in_link
        if link:
            out.append('<a class="wiki-link-internal" href="%s" title="%s">' % (
                esc.attr(href), esc.attr(node.title)))
        out.append('<span class="%s"%s><span class="wiki-image-wrapper">'
                   '<img src="%s" alt="%s"%s%s loading="lazy"></span></span>' % (
                       cls, style_attr(outer, dark), esc.attr(info.url), esc.attr(node.title),
                       img_attrs, style_attr(img_style, [])))
        if link:
            out.append("</a>")

    def _media_hosts(self):
        hosts = self.shared.get("media_hosts")
        if hosts is None:
            hosts = getattr(self.ctx, "html_media_hosts", None) or ()
            if isinstance(hosts, str):
                hosts = hosts.split(",")
            hosts = self.shared["media_hosts"] = tuple(
                h.strip().lower() for h in hosts if isinstance(h, str) and h.strip())
        return hosts
