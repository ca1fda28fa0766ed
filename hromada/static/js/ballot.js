// Progressive enhancement of the ballot: a live counter per sub-budget of what is left (votes,
// money, points) or what is placed (one project, ranking places). The server validates every
// ballot; without this script the form works the same. Texts come from the page (.ballot-texts).
(function () {
  "use strict";
  var form = document.querySelector("form.ballot");
  var texts = document.querySelector(".ballot-texts");
  if (!form || !texts) { return; }
  var text = texts.dataset;
  // Thousands grouped as the page's language writes them (hromada.core.money does the same).
  var groupSign = document.documentElement.lang === "en" ? "," : "\u00a0";
  function hryvnias(kopiykas) {
    return Math.floor(kopiykas / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, groupSign);
  }
  function say(template) {
    var args = Array.prototype.slice.call(arguments, 1);
    return template.replace(/%s/g, function () { return args.shift(); });
  }
  function whole(value) {
    return /^[0-9]{1,6}$/.test(value.trim()) ? parseInt(value, 10) : 0;
  }
  // Each rule's counter: [message, over the limit?].
  var counters = {
    approval: function (fieldset, limit) {
      var left = limit - fieldset.querySelectorAll("input:checked").length;
      return left < 0 ? [say(text.overVotes, -left), true] : [say(text.votes, left), false];
    },
    knapsack: function (fieldset, limit) {
      var used = 0;
      fieldset.querySelectorAll("input:checked").forEach(function (box) { used += parseInt(box.dataset.cost, 10); });
      var left = limit - used;
      // Over the limit: say by how much, so the voter knows what to untick.
      return left < 0 ? [say(text.overMoney, hryvnias(-left + 99)), true] : [say(text.money, hryvnias(left)), false];
    },
    choose_one: function (fieldset) {
      var picked = fieldset.querySelectorAll("input[type=radio]:checked:not([value=''])").length;
      return [say(text.one, picked), picked > 1];
    },
    cumulative: function (fieldset, limit) {
      var most = parseInt(fieldset.dataset.most, 10);
      var used = 0;
      var tooMany = false;
      fieldset.querySelectorAll("input.mark").forEach(function (input) {
        var points = whole(input.value);
        used += points;
        tooMany = tooMany || points > most;
      });
      if (tooMany) { return [say(text.overProject, most), true]; }
      var left = limit - used;
      return left < 0 ? [say(text.overPoints, -left), true] : [say(text.points, left), false];
    },
    ranking: function (fieldset, limit) {
      var ranks = [];
      fieldset.querySelectorAll("select.mark").forEach(function (select) {
        if (select.value) { ranks.push(parseInt(select.value, 10)); }
      });
      ranks.sort(function (a, b) { return a - b; });
      for (var i = 0; i < ranks.length; i += 1) {
        if (ranks[i] < i + 1) { return [say(text.twice, ranks[i]), true]; }
        if (ranks[i] > i + 1) { return [say(text.gap, i + 1), true]; }
      }
      return [say(text.places, ranks.length, limit), false];
    }
  };
  form.querySelectorAll("fieldset[data-rule]").forEach(function (fieldset) {
    var counter = fieldset.querySelector(".counter");
    var count = counters[fieldset.dataset.rule];
    if (!counter || !count) { return; }
    var limit = parseInt(fieldset.dataset.limit, 10);
    function update() {
      var shown = count(fieldset, limit);
      counter.hidden = false;
      counter.textContent = shown[0];
      counter.classList.toggle("over", shown[1]);
    }
    fieldset.addEventListener("change", update);
    fieldset.addEventListener("input", update);
    update();
  });
})();
