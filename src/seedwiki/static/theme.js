/* The reader's theme, stored as the seed stores it: localStorage["theseed_settings"] is a JSON
   object whose "wiki.theme" is "auto" (default: follow the OS), "dark" or "light". Loaded as the
   first thing in <body>, before anything is painted; sets the seed's body classes
   (theseed-dark-mode / theseed-light-mode) and seedwiki's root classes (theme-dark / theme-light),
   and in dark mode lays the authors' dark colours (data-dark-style, namumark.css) over the light ones. */
(function () {
  "use strict";
  var KEY = "theseed_settings";

  function settings() {
    try { return JSON.parse(window.localStorage.getItem(KEY) || "{}") || {}; } catch (e) { return {}; }
  }

  function apply(choice) {
    var dark = choice === "dark" || (choice !== "light" && window.matchMedia &&
                                     window.matchMedia("(prefers-color-scheme: dark)").matches);
    var root = document.documentElement, body = document.body;
    root.classList.toggle("theme-dark", dark);
    root.classList.toggle("theme-light", !dark);
    if (body) {
      body.classList.toggle("theseed-dark-mode", dark);
      body.classList.toggle("theseed-light-mode", !dark);
    }
    authorColours(dark);
  }

  function authorColours(dark) {
    var nodes = document.querySelectorAll("[data-dark-style]");
    for (var i = 0; i < nodes.length; i++) {
      var node = nodes[i];
      if (node.dataset.lightStyle === undefined) node.dataset.lightStyle = node.getAttribute("style") || "";
      var light = node.dataset.lightStyle;
      node.setAttribute("style", dark ? light + ";" + node.dataset.darkStyle : light);
    }
  }

  var choice = settings()["wiki.theme"] || "auto";
  apply(choice);
  if (window.matchMedia) {
    window.matchMedia("(prefers-color-scheme: dark)").addEventListener("change", function () {
      apply(settings()["wiki.theme"] || "auto");
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    apply(settings()["wiki.theme"] || "auto");
    var select = document.querySelector("[data-theme-choice]");
    if (!select) return;
    select.value = choice;
    select.addEventListener("change", function () {
      var s = settings();
      s["wiki.theme"] = select.value;
      window.localStorage.setItem(KEY, JSON.stringify(s));
      apply(select.value);
    });
  });
})();
