// The editor (/edit): RAW / 미리보기 tabs, a small toolbar, a size check before sending, a warning
// before leaving with unsaved text, and the cursor in the textarea. Without script the editor is a
// plain form with 미리보기 and 저장 buttons; everything here only adds to it.
(function () {
  "use strict";

  function utf8Bytes(text) {
    // Newlines are sent as CRLF by the browser but stored as LF: count what is stored.
    return new TextEncoder().encode(text.replace(/\r\n/g, "\n")).length;
  }

  function init() {
    var editor = document.querySelector(".sw-editor");
    if (!editor) { return; }
    var form = editor.closest("form");
    var textarea = editor.querySelector("textarea");
    var error = document.getElementById("sw-editor-error");
    var original = textarea.value;
    var submitting = false;

    // The cursor starts in the text (not for a conflict: the reader first reads the diff).
    if (!document.querySelector(".sw-conflict")) { textarea.focus({preventScroll: true}); }

    function showError(message) {
      error.textContent = message;
      error.hidden = false;
      textarea.setAttribute("aria-invalid", "true");
    }

    // Size: refused here, before sending, so the text stays where it is.
    var limit = parseInt(editor.getAttribute("data-max-bytes"), 10);
    form.addEventListener("submit", function (event) {
      var size = utf8Bytes(textarea.value);
      if (limit && size > limit) {
        event.preventDefault();
        showError(editor.getAttribute("data-too-big") + " (" + size.toLocaleString() + " / " +
                  limit.toLocaleString() + " B)");
        textarea.focus();
        return;
      }
      submitting = true;
    });

    // Leaving with unsaved text asks first (the browser shows its own wording).
    window.addEventListener("beforeunload", function (event) {
      if (submitting || textarea.value === original) { return; }
      event.preventDefault();
      event.returnValue = editor.getAttribute("data-unsaved");
      return event.returnValue;
    });

    // Toolbar: wrap the selection (or a sample text) in the construct's markup.
    var toolbar = editor.querySelector(".sw-toolbar");
    toolbar.hidden = false;
    toolbar.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button) { return; }
      var before = button.getAttribute("data-before"), after = button.getAttribute("data-after");
      var start = textarea.selectionStart, end = textarea.selectionEnd;
      var inner = textarea.value.slice(start, end) || button.getAttribute("data-sample");
      textarea.focus();
      textarea.setRangeText(before + inner + after, start, end, "end");
      textarea.setSelectionRange(start + before.length, start + before.length + inner.length);
      textarea.dispatchEvent(new Event("input", {bubbles: true}));
    });

    // Tabs: RAW 편집 / 미리보기 (the preview is the server's own rendering of the text).
    var tabs = editor.querySelector(".sw-editor-tabs");
    var rawTab = document.getElementById("sw-tab-raw"), previewTab = document.getElementById("sw-tab-preview");
    var rawPanel = document.getElementById("sw-editor-raw"), previewPanel = document.getElementById("sw-editor-preview");
    tabs.hidden = false;
    function select(preview) {
      rawTab.setAttribute("aria-selected", String(!preview));
      previewTab.setAttribute("aria-selected", String(preview));
      rawTab.tabIndex = preview ? -1 : 0;
      previewTab.tabIndex = preview ? 0 : -1;
      rawPanel.hidden = preview;
      previewPanel.hidden = !preview;
      if (preview) { loadPreview(); } else { textarea.focus(); }
    }
    function loadPreview() {
      var article = previewPanel.querySelector("article");
      var body = new FormData(form);
      body.set("preview", "1");
      body.delete("save");
      fetch(form.action, {method: "POST", body: body, credentials: "same-origin"})
        .then(function (response) { return response.text(); })
        .then(function (html) {
          var page = new DOMParser().parseFromString(html, "text/html");
          var rendered = page.querySelector(".sw-preview article");
          article.replaceChildren.apply(article, rendered ? Array.prototype.slice.call(rendered.childNodes) : []);
          if (!rendered) { article.textContent = editor.getAttribute("data-preview-failed"); }
        })
        .catch(function () { article.textContent = editor.getAttribute("data-preview-failed"); });
    }
    rawTab.addEventListener("click", function () { select(false); });
    previewTab.addEventListener("click", function () { select(true); });
    tabs.addEventListener("keydown", function (event) {
      if (event.key === "ArrowRight" || event.key === "ArrowLeft") {
        var toPreview = rawTab.getAttribute("aria-selected") === "true";
        select(toPreview);
        (toPreview ? previewTab : rawTab).focus();
      }
    });
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
