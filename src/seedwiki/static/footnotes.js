// Footnote preview, as on namu.wiki: hovering a footnote mark (or focusing it with the keyboard)
// shows the footnote in a small box next to it; on a touch screen the first tap shows the box and
// a tap elsewhere closes it. Without script the mark is a link to the footnote at the page's end.
(function () {
  "use strict";
  var popup = null, owner = null, hideTimer = null;

  function footnoteOf(mark) {
    var id = decodeURIComponent((mark.getAttribute("href") || "").slice(1));
    var anchor = id && document.getElementById(id);
    return anchor ? anchor.closest(".footnote-list") : null;
  }

  function build(note) {
    var box = document.createElement("div");
    box.className = "sw-fn-popup wiki-content";  // styled like the article it comes from
    box.id = "sw-fn-popup";
    box.setAttribute("role", "tooltip");
    // the footnote's content without its own back-link ("[1]") and anchor
    var copy = note.cloneNode(true);
    Array.prototype.forEach.call(copy.querySelectorAll("[id]"), function (el) { el.removeAttribute("id"); });
    var back = copy.querySelector(":scope > a[href^='#rfn-']");
    if (back) { back.remove(); }
    box.append.apply(box, Array.prototype.slice.call(copy.childNodes));
    box.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
    box.addEventListener("mouseleave", scheduleHide);
    return box;
  }

  function show(mark) {
    var note = footnoteOf(mark);
    if (!note) { return false; }
    hide();
    popup = build(note);
    owner = mark;
    document.body.appendChild(popup);
    var r = mark.getBoundingClientRect(), width = Math.min(360, document.documentElement.clientWidth - 16);
    popup.style.maxWidth = width + "px";
    var left = Math.max(8, Math.min(r.left + window.scrollX - 20, window.scrollX + document.documentElement.clientWidth - width - 8));
    popup.style.left = left + "px";
    popup.style.top = (r.bottom + window.scrollY + 6) + "px";
    mark.setAttribute("aria-describedby", "sw-fn-popup");
    return true;
  }

  function hide() {
    clearTimeout(hideTimer);
    if (popup) { popup.remove(); popup = null; }
    if (owner) { owner.removeAttribute("aria-describedby"); owner = null; }
  }

  function scheduleHide() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, 250);
  }

  function markOf(target) {
    return target && target.closest ? target.closest(".wiki-content .wiki-fn-content") : null;
  }

  function init() {
    // the preview replaces the browser's plain tooltip (kept for script-less readers)
    Array.prototype.forEach.call(document.querySelectorAll(".wiki-content .wiki-fn-content[title]"), function (mark) {
      mark.setAttribute("data-title", mark.getAttribute("title"));
      mark.removeAttribute("title");
    });
  }

  document.addEventListener("mouseover", function (event) {
    if (touched) { return; }  // the mouse events a tap emulates: the click handler decides
    var mark = markOf(event.target);
    if (mark && mark !== owner) { show(mark); } else if (mark) { clearTimeout(hideTimer); }
  });
  document.addEventListener("mouseout", function (event) {
    if (markOf(event.target) && !(popup && popup.contains(event.relatedTarget))) { scheduleHide(); }
  });
  document.addEventListener("focusin", function (event) { var mark = markOf(event.target); if (mark) { show(mark); } });
  document.addEventListener("focusout", function (event) { if (markOf(event.target)) { scheduleHide(); } });
  document.addEventListener("keydown", function (event) { if (event.key === "Escape") { hide(); } });

  // Touch: the first tap on a mark previews it instead of jumping to the end of the page; a second
  // tap on the same mark follows the link; a tap elsewhere closes the box.
  var touched = false;
  document.addEventListener("touchstart", function () { touched = true; }, {passive: true});
  document.addEventListener("click", function (event) {
    var mark = markOf(event.target);
    if (mark && touched && mark !== owner) {
      if (show(mark)) { event.preventDefault(); }
    } else if (!mark && popup && !popup.contains(event.target)) {
      hide();
    }
    touched = false;
  });

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
