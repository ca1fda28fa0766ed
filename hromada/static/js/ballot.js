// Progressive enhancement of the ballot: a live counter of votes or money left per sub-budget.
// The server validates every ballot; without this script the form works the same.
(function () {
  "use strict";
  var form = document.querySelector("form.ballot");
  if (!form) { return; }
  var text = {
    votes: form.dataset.textVotes, money: form.dataset.textMoney,
    overVotes: form.dataset.textOverVotes, overMoney: form.dataset.textOverMoney
  };
  // Thousands grouped as the page's language writes them (hromada.core.money does the same).
  var groupSign = document.documentElement.lang === "en" ? "," : "\u00a0";
  function hryvnias(kopiykas) {
    return Math.floor(kopiykas / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, groupSign);
  }
  document.querySelectorAll("form.ballot fieldset[data-rule]").forEach(function (fieldset) {
    var counter = fieldset.querySelector(".counter");
    if (!counter) { return; }
    var limit = parseInt(fieldset.dataset.limit, 10);
    var boxes = fieldset.querySelectorAll("input[type=checkbox]");
    function update() {
      var used = 0;
      boxes.forEach(function (box) {
        if (box.checked) { used += fieldset.dataset.rule === "approval" ? 1 : parseInt(box.dataset.cost, 10); }
      });
      var left = limit - used;
      counter.hidden = false;
      counter.classList.toggle("over", left < 0);
      // Over the limit: say by how much, so the voter knows what to untick.
      if (left < 0 && fieldset.dataset.rule === "approval") { counter.textContent = text.overVotes.replace("%s", -left); }
      else if (left < 0) { counter.textContent = text.overMoney.replace("%s", hryvnias(-left + 99)); }
      else if (fieldset.dataset.rule === "approval") { counter.textContent = text.votes.replace("%s", left); }
      else { counter.textContent = text.money.replace("%s", hryvnias(left)); }
    }
    boxes.forEach(function (box) { box.addEventListener("change", update); });
    update();
  });
})();
