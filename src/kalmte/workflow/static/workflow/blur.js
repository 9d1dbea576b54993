// Blurs insults (mark.abuse) for agents who asked for it; a click reveals one.
(function () {
  "use strict";
  var panel = document.getElementById("workflow-panel");
  if (panel && panel.dataset.blur === "1") document.body.classList.add("blur-insults");
  document.addEventListener("click", function (event) {
    var mark = event.target.closest && event.target.closest("body.blur-insults mark.abuse");
    if (mark) mark.classList.add("revealed");
  });
})();
