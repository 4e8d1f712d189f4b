/* NamuMark articles: sortable tables, declarative class toggles and the article's own style rules.
 *
 * Everything is read from data attributes the renderer wrote (never from author-supplied script):
 * - table[data-wiki-sortable]: a click on a head cell sorts the body rows by that column
 *   (numbers as numbers, the rest by Korean collation); a second click reverses the order.
 * - [data-wiki-toggle-class]: a click (or Enter/Space) toggles that class on the elements of the
 *   same article carrying data-wiki-toggle-target's class, or on the box itself.
 * - [data-wiki-css]: JSON [[selector, declarations], …] already checked by the renderer; each
 *   selector is prefixed with its own article, so a rule can never reach anything outside it.
 * Without this script every table is a plain table and every box shows its content as written.
 */
(function () {
  "use strict";

  var CLASS_PREFIX = "wiki-uc-";
  var scopes = 0;

  function articleOf(el) {
    return el.closest(".wiki-content") || el.parentElement || document.body;
  }

  function cellText(row, index) {
    var cell = row.cells[index];
    return cell ? cell.textContent.trim() : "";
  }

  function compare(a, b) {
    var x = parseFloat(a.replace(/,/g, "")), y = parseFloat(b.replace(/,/g, ""));
    if (!isNaN(x) && !isNaN(y) && /^[-+]?[\d,.]+/.test(a) && /^[-+]?[\d,.]+/.test(b)) {
      return x - y;
    }
    return a.localeCompare(b, "ko");
  }

  function makeSortable(table) {
    var head = table.tHead ? table.tHead.rows[table.tHead.rows.length - 1] : null;
    var body = table.tBodies[0];
    if (!head || !body) return;
    Array.prototype.forEach.call(head.cells, function (cell, index) {
      cell.classList.add("wiki-table-sort-key");
      cell.setAttribute("role", "button");
      cell.setAttribute("tabindex", "0");
      function sort() {
        var descending = cell.getAttribute("aria-sort") === "ascending";
        Array.prototype.forEach.call(head.cells, function (c) { c.removeAttribute("aria-sort"); });
        cell.setAttribute("aria-sort", descending ? "descending" : "ascending");
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (r1, r2) {
          var order = compare(cellText(r1, index), cellText(r2, index));
          return descending ? -order : order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      }
      cell.addEventListener("click", sort);
      cell.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sort(); }
      });
    });
  }

  function isOurClass(name) {
    return typeof name === "string" && name.indexOf(CLASS_PREFIX) === 0 && !/[\s"'<>]/.test(name);
  }

  function makeToggle(box) {
    var name = box.getAttribute("data-wiki-toggle-class");
    var target = box.getAttribute("data-wiki-toggle-target");
    if (!isOurClass(name) || (target && !isOurClass(target))) return;
    function toggle() {
      var targets = target ? articleOf(box).getElementsByClassName(target) : [box];
      Array.prototype.forEach.call(targets, function (el) { el.classList.toggle(name); });
    }
    box.addEventListener("click", toggle);
    box.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); toggle(); }
    });
  }

  function applySheet(holder) {
    var rules;
    try { rules = JSON.parse(holder.getAttribute("data-wiki-css")); } catch (e) { return; }
    if (!Array.isArray(rules)) return;
    var article = articleOf(holder);
    if (!article.hasAttribute("data-wiki-scope")) {
      scopes += 1;
      article.setAttribute("data-wiki-scope", String(scopes));
    }
    var scope = '[data-wiki-scope="' + article.getAttribute("data-wiki-scope") + '"] ';
    var text = [];
    rules.forEach(function (rule) {
      if (!Array.isArray(rule) || rule.length !== 2) return;
      var selectors = String(rule[0]), body = String(rule[1]);
      // the renderer only writes our own classes; refuse anything that could end the rule
      if (/[{}<>@\\;]/.test(selectors) || /[{}<>@\\]/.test(body)) return;
      var scoped = selectors.split(",").map(function (s) { return scope + s.trim(); });
      text.push(scoped.join(", ") + " { " + body + " }");
    });
    if (!text.length) return;
    var style = document.createElement("style");
    style.textContent = text.join("\n");
    document.head.appendChild(style);
  }

  function init() {
    document.querySelectorAll("[data-wiki-css]").forEach(applySheet);
    document.querySelectorAll("table[data-wiki-sortable]").forEach(makeSortable);
    document.querySelectorAll("[data-wiki-toggle-class]").forEach(makeToggle);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
