// The reader's theme: light, dark, or follow the system (the seed's "wiki.theme" setting).
// Loaded synchronously as the first thing in <body>, so the classes are set before anything is
// painted (no flash of the wrong theme); the CSP allows script from this site only, so this is a
// file, not inline script.
//
// Stored as the seed stores it — localStorage["theseed_settings"] = {"wiki.theme": "auto"|"dark"|"light"}
// — so skins and userscripts written for the seed keep working. Both class families are set: the
// seed's (theseed-dark-mode / theseed-light-mode on <body>) and seedwiki's (theme-dark / theme-light on
// <html>, which namumark.css and seedwiki.css style).
//
// In dark mode the authors' dark colours (data-dark-style, emitted by namumark for {{{#a,#b …}}},
// <bgcolor=#a,#b>, dark-style=…) replace their light ones; author colours given without a dark
// alternative are adapted (light backgrounds darkened, dark text lightened) so text stays readable.
(function () {
  "use strict";
  var KEY = "theseed_settings", SETTING = "wiki.theme", CHOICES = ["auto", "dark", "light"];
  var root = document.documentElement;
  root.classList.add("sw-js");
  var systemDark = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;

  function readChoice() {
    try {
      var settings = JSON.parse(window.localStorage.getItem(KEY) || "{}");
      var value = settings && settings[SETTING];
      return CHOICES.indexOf(value) >= 0 ? value : "auto";
    } catch (e) {
      return "auto";  // storage disabled or damaged: follow the system
    }
  }

  function writeChoice(value) {
    var settings = {};
    try { settings = JSON.parse(window.localStorage.getItem(KEY) || "{}") || {}; } catch (e) { settings = {}; }
    settings[SETTING] = value;
    try { window.localStorage.setItem(KEY, JSON.stringify(settings)); } catch (e) { /* private mode */ }
  }

  function isDark(choice) {
    return choice === "dark" || (choice === "auto" && !!(systemDark && systemDark.matches));
  }

  // ---- colours: parse, measure, adapt -------------------------------------------------------
  var probe = null;
  function rgbOf(value) {
    // Let the browser resolve any CSS colour (names like "red", #rgb, hsl()) into "rgb(r, g, b[, a])":
    // only the computed style of an element in the document gives numbers for colour names.
    if (!probe) {
      probe = document.createElement("span");
      probe.style.display = "none";
      root.appendChild(probe);
    }
    probe.style.color = "";
    probe.style.color = value;
    var m = /rgba?\(\s*([\d.]+)[, ]+([\d.]+)[, ]+([\d.]+)(?:\s*[,/]\s*([\d.]+))?/.exec(getComputedStyle(probe).color);
    if (!m) { return null; }
    return [+m[1], +m[2], +m[3], m[4] === undefined ? 1 : +m[4]];
  }
  function luminance(rgb) {
    var c = rgb.slice(0, 3).map(function (v) {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  }
  // Same hue, lightness turned over and pulled into [lo, hi]: a pastel background becomes a deep
  // one, navy text becomes light blue.
  function flipLightness(rgb, lo, hi) {
    var r = rgb[0] / 255, g = rgb[1] / 255, b = rgb[2] / 255;
    var max = Math.max(r, g, b), min = Math.min(r, g, b), l = (max + min) / 2, h = 0, s = 0;
    if (max !== min) {
      var d = max - min;
      s = l > 0.5 ? d / (2 - max - min) : d / (max + min);
      h = max === r ? (g - b) / d + (g < b ? 6 : 0) : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
      h /= 6;
    }
    var nl = Math.min(hi, Math.max(lo, 1 - l));
    return "hsl(" + Math.round(h * 360) + ", " + Math.round(s * 100) + "%, " + Math.round(nl * 100) + "%)";
  }

  function darkDeclarations(el) {
    var declared = {}, out = [];
    (el.getAttribute("data-dark-style") || "").split(";").forEach(function (part) {
      var i = part.indexOf(":");
      if (i > 0) { declared[part.slice(0, i).trim().toLowerCase()] = part.slice(i + 1).trim(); }
    });
    var bg = el.style.backgroundColor, fg = el.style.color, rgb;
    if (bg && !declared["background-color"]) {
      rgb = rgbOf(bg);
      if (rgb && rgb[3] > 0 && luminance(rgb) > 0.1) { declared["background-color"] = flipLightness(rgb, 0.08, 0.3); }
    }
    if (fg && !declared.color) {
      rgb = rgbOf(fg);
      if (rgb && luminance(rgb) < 0.28) { declared.color = flipLightness(rgb, 0.76, 0.9); }
    }
    for (var prop in declared) { out.push([prop, declared[prop]]); }
    return out;
  }

  // Swap an element to its dark colours (remembering the light style) or back.
  function paint(el, dark) {
    if (dark) {
      if (el.hasAttribute("data-light-style")) { return; }
      var decls = darkDeclarations(el);
      if (!decls.length) { return; }
      el.setAttribute("data-light-style", el.style.cssText);
      decls.forEach(function (d) { el.style.setProperty(d[0], d[1]); });
    } else if (el.hasAttribute("data-light-style")) {
      el.style.cssText = el.getAttribute("data-light-style");
      el.removeAttribute("data-light-style");
    }
  }
  var COLOURED = ".wiki-content [style], .wiki-content [data-dark-style]";
  function paintAll(dark) {
    var nodes = document.querySelectorAll(COLOURED);
    for (var i = 0; i < nodes.length; i++) { paint(nodes[i], dark); }
  }

  // ---- applying the theme -------------------------------------------------------------------
  var current = null;
  function setBodyClasses(dark) {
    if (!document.body) { return; }
    document.body.classList.toggle("theseed-dark-mode", dark);
    document.body.classList.toggle("theseed-light-mode", !dark);
  }
  function apply() {
    var choice = readChoice(), dark = isDark(choice);
    root.classList.toggle("theme-dark", dark);
    root.classList.toggle("theme-light", !dark);
    root.setAttribute("data-theme-setting", choice);
    setBodyClasses(dark);
    if (current !== null && current !== dark) { paintAll(dark); }
    current = dark;
  }
  apply();

  // While the page is being parsed, colour author styles as they arrive (before they are painted).
  if (window.MutationObserver) {
    var watcher = new MutationObserver(function (records) {
      for (var r = 0; r < records.length; r++) {
        var added = records[r].addedNodes;
        for (var i = 0; i < added.length; i++) {
          var node = added[i];
          if (node.nodeType !== 1) { continue; }
          if (node === document.body) { setBodyClasses(current); }
          if (current && node.matches(COLOURED)) { paint(node, true); }
        }
      }
    });
    watcher.observe(root, {childList: true, subtree: true});
    document.addEventListener("DOMContentLoaded", function () { watcher.disconnect(); });
  }
  document.addEventListener("DOMContentLoaded", function () {
    setBodyClasses(current);
    if (current) { paintAll(true); }
    // the header's choice, and my page's (members/mypage.html: select[data-theme-choice])
    var selects = document.querySelectorAll("select#sw-theme, select[data-theme-choice]");
    Array.prototype.forEach.call(selects, function (select) {
      select.value = readChoice();
      select.addEventListener("change", function () {
        writeChoice(select.value);
        apply();
        Array.prototype.forEach.call(selects, function (other) { other.value = select.value; });
      });
    });
  });
  if (systemDark) {
    var follow = function () { if (readChoice() === "auto") { apply(); } };
    if (systemDark.addEventListener) { systemDark.addEventListener("change", follow); }
    else if (systemDark.addListener) { systemDark.addListener(follow); }
  }
  // Another tab changed the setting.
  window.addEventListener("storage", function (event) { if (event.key === KEY) { apply(); } });

  // For other pages of the wiki (my page's theme choice): set the theme without reloading.
  window.seedwikiTheme = {
    get: readChoice,
    set: function (value) { if (CHOICES.indexOf(value) >= 0) { writeChoice(value); apply(); } },
  };
})();
