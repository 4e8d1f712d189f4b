// Progressive enhancement only: every page works without script.
// With script, a click on a section heading folds or unfolds its section (as on namu.wiki), and
// sections written folded ("==# 제목 #==") start closed; without script they stay open.
(function () {
  "use strict";
  document.documentElement.classList.add("sw-js");
  document.addEventListener("click", function (event) {
    var heading = event.target.closest(".wiki-heading");
    if (!heading || event.target.closest("a")) return;
    var content = heading.nextElementSibling;
    if (!content || !content.classList.contains("wiki-heading-content")) return;
    var folded = content.classList.toggle("wiki-heading-content-folded");
    heading.classList.toggle("wiki-heading-folded", folded);
  });
})();
