// Section folding, as on namu.wiki: a click on a section heading (or Enter/Space on its toggle
// button) folds the section with all its subsections (2. folds 2.1 and 2.2); sections written
// folded ("==# 제목 #==") start closed together with their subsections.
// Progressive enhancement: the renderer's markup is flat (heading, content, heading, content …);
// without script every section stays open and readable.
(function () {
  "use strict";
  var LEVEL = {H1: 1, H2: 2, H3: 3, H4: 4, H5: 5, H6: 6};

  function isSectionHeading(el) {
    return el && LEVEL[el.tagName] && el.classList.contains("wiki-heading");
  }

  // Walk the headings and contents of one container in order: an element is hidden when any
  // heading above it (of a lower level number, i.e. an ancestor section) is folded.
  function layout(container) {
    var stack = [];  // open ancestor sections: {level, folded}
    for (var el = container.firstElementChild; el; el = el.nextElementSibling) {
      if (isSectionHeading(el)) {
        var level = LEVEL[el.tagName];
        while (stack.length && stack[stack.length - 1].level >= level) { stack.pop(); }
        el.classList.toggle("sw-fold-hidden", stack.some(function (s) { return s.folded; }));
        var folded = el.classList.contains("wiki-heading-folded");
        stack.push({level: level, folded: folded});
        var button = el.querySelector(".sw-fold-toggle");
        if (button) { button.setAttribute("aria-expanded", folded ? "false" : "true"); }
      } else if (el.classList.contains("wiki-heading-content")) {
        // the renderer's own "start folded" class is replaced by this walk
        el.classList.remove("wiki-heading-content-folded");
        el.classList.toggle("sw-fold-hidden", stack.some(function (s) { return s.folded; }));
      }
    }
  }

  function toggle(heading, folded) {
    heading.classList.toggle("wiki-heading-folded", folded);
    layout(heading.parentElement);
  }

  // Opening a link to a heading or footnote inside a folded section unfolds the sections above it.
  function reveal(target) {
    var top = target;
    while (top.parentElement && !top.parentElement.querySelector(":scope > .wiki-heading")) { top = top.parentElement; }
    if (!top.parentElement) { return; }
    var level = isSectionHeading(top) ? LEVEL[top.tagName] : 7;
    for (var prev = top.previousElementSibling; prev && level > 1; prev = prev.previousElementSibling) {
      if (isSectionHeading(prev) && LEVEL[prev.tagName] < level) {
        prev.classList.remove("wiki-heading-folded");
        level = LEVEL[prev.tagName];
      }
    }
    layout(top.parentElement);
  }

  function init() {
    var headings = document.querySelectorAll(".wiki-content .wiki-heading");
    var containers = [];
    for (var i = 0; i < headings.length; i++) {
      var heading = headings[i];
      if (!isSectionHeading(heading)) { continue; }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sw-fold-toggle";
      var title = heading.querySelector("span[id]");
      button.setAttribute("aria-label", (title ? title.textContent : heading.textContent).trim());
      heading.insertBefore(button, heading.firstChild);
      if (containers.indexOf(heading.parentElement) < 0) { containers.push(heading.parentElement); }
    }
    containers.forEach(layout);
    if (location.hash) {
      var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
      if (target) { reveal(target); target.scrollIntoView(); }
    }
  }

  document.addEventListener("click", function (event) {
    var heading = event.target.closest(".wiki-content .wiki-heading");
    if (!heading || !isSectionHeading(heading)) { return; }
    // links in a heading (its number, [편집], links in the title) keep working as links
    if (event.target.closest("a") && !event.target.closest(".sw-fold-toggle")) { return; }
    toggle(heading, !heading.classList.contains("wiki-heading-folded"));
  });
  window.addEventListener("hashchange", function () {
    var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target) { reveal(target); }
  });
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
