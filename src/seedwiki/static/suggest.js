// Title suggestions under the header's search box while typing (/complete?q=…): arrow keys move
// through them, Enter opens the chosen page, Escape closes the list. Without script the box is a
// plain form (이동 / 검색).
(function () {
  "use strict";

  function init() {
    var input = document.querySelector(".sw-search input[name=q]");
    if (!input) { return; }
    var form = input.form;
    var list = document.createElement("ul");
    list.id = "sw-suggestions";
    list.className = "sw-suggestions";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    form.style.position = "relative";
    form.appendChild(list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("autocomplete", "off");

    var timer = null, asked = "", active = -1;

    function options() { return list.querySelectorAll("[role=option]"); }
    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }
    function mark(index) {
      var items = options();
      if (!items.length) { return; }
      active = (index + items.length) % items.length;
      for (var i = 0; i < items.length; i++) { items[i].setAttribute("aria-selected", String(i === active)); }
      input.setAttribute("aria-activedescendant", items[active].id);
    }
    function open(title) { window.location.href = "/w/" + encodeURIComponent(title).replace(/%2F/g, "/").replace(/%3A/g, ":"); }
    function show(titles) {
      list.replaceChildren();
      titles.forEach(function (title, i) {
        var item = document.createElement("li");
        item.id = "sw-suggestion-" + i;
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        item.textContent = title;
        item.addEventListener("mousedown", function (event) { event.preventDefault(); open(title); });
        list.appendChild(item);
      });
      active = -1;
      list.hidden = !titles.length;
      input.setAttribute("aria-expanded", String(!!titles.length));
    }
    function ask() {
      var typed = input.value.trim();
      if (typed === asked) { return; }
      asked = typed;
      if (!typed) { show([]); return; }
      fetch("/complete?q=" + encodeURIComponent(typed), {credentials: "same-origin"})
        .then(function (response) { return response.ok ? response.json() : []; })
        .then(function (titles) { if (input.value.trim() === typed) { show(titles); } })
        .catch(function () { show([]); });
    }

    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(ask, 120); });
    input.addEventListener("keydown", function (event) {
      if (list.hidden) { return; }
      if (event.key === "ArrowDown") { event.preventDefault(); mark(active + 1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); mark(active - 1); }
      else if (event.key === "Escape") { close(); }
      else if (event.key === "Enter" && active >= 0) { event.preventDefault(); open(options()[active].textContent); }
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
