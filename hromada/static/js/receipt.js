// The receipt page's copy and print buttons; without this script they stay hidden.
(function () {
  "use strict";
  document.querySelectorAll("button.js-only").forEach(function (button) { button.hidden = false; });
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    button.addEventListener("click", function () {
      var text = document.getElementById(button.dataset.copy).textContent.trim();
      var done = function () { button.textContent = button.dataset.copied; };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done);
      } else {  // http on a local network: select the code so the person can copy it
        var range = document.createRange();
        range.selectNodeContents(document.getElementById(button.dataset.copy));
        window.getSelection().removeAllRanges();
        window.getSelection().addRange(range);
      }
    });
  });
  document.querySelectorAll("button[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
})();
