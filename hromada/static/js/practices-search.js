// Search as you type: up to eight matching titles under the box. Without this script the box is
// an ordinary form that submits to the results page.
(function () {
  "use strict";
  var input = document.getElementById("q");
  var list = document.getElementById("q-suggestions");
  if (!input || !list || !window.fetch) { return; }
  var timer = null;
  var last = "";
  function clear() { list.hidden = true; list.textContent = ""; }
  function show(results) {
    list.textContent = "";
    results.forEach(function (item) {
      var li = document.createElement("li");
      li.setAttribute("role", "option");
      var a = document.createElement("a");
      a.href = item.url;
      a.textContent = item.title;
      li.appendChild(a);
      list.appendChild(li);
    });
    list.hidden = results.length === 0;
  }
  input.addEventListener("input", function () {
    clearTimeout(timer);
    var q = input.value;
    if (q.trim().length < 3) { clear(); return; }
    timer = setTimeout(function () {
      if (q === last) { return; }
      last = q;
      fetch(input.dataset.suggestUrl + "?q=" + encodeURIComponent(q))
        .then(function (r) { return r.json(); })
        .then(function (data) { if (input.value === q) { show(data.results); } })
        .catch(clear);
    }, 200);
  });
  input.addEventListener("keydown", function (e) { if (e.key === "Escape") { clear(); } });
})();
