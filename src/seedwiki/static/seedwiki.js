// Progressive enhancement only: every page works without script. Section folding: folding.js.
(function () {
  "use strict";
  document.documentElement.classList.add("sw-js");
})();
