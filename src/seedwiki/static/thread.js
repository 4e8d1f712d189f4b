/* Thread pages: new comments appear without a reload (polling /thread/<slug>/poll), and the
   comment form posts in place. Without this script the page still works: the form posts and
   the server redirects back to the thread. */
(function () {
  "use strict";
  var box = document.getElementById("comments");
  if (!box || !box.dataset.live) return;
  var busy = false;

  function poll() {
    if (busy) return;
    busy = true;
    fetch(box.dataset.pollUrl + "?after=" + encodeURIComponent(box.dataset.last), {
      headers: {"Accept": "application/json"}, credentials: "same-origin"
    }).then(function (r) { return r.ok ? r.json() : null; }).then(function (data) {
      if (!data) return;
      data.comments.forEach(function (c) {
        if (c.number <= Number(box.dataset.last)) return;
        box.insertAdjacentHTML("beforeend", c.html);
        box.dataset.last = String(c.number);
      });
    }).catch(function () {}).then(function () { busy = false; });
  }

  var form = document.getElementById("comment-form");
  if (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var button = form.querySelector("button[type=submit]");
      button.disabled = true;
      fetch(form.action, {method: "POST", body: new FormData(form), credentials: "same-origin",
                          headers: {"Accept": "application/json", "X-Requested-With": "XMLHttpRequest"}})
        .then(function (r) { return r.json().then(function (d) { return [r.ok, d]; }); })
        .then(function (res) {
          if (res[0]) { form.reset(); poll(); } else { window.alert(res[1].status); }
        }).catch(function () { form.submit(); })
        .then(function () { button.disabled = false; });
    });
  }
  window.setInterval(function () { if (!document.hidden) poll(); }, 2000);
})();
