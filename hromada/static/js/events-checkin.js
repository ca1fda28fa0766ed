/* Check-in page, progressive enhancement: where the browser has BarcodeDetector and a camera,
   a "scan" button reads the QR and submits its code; the live count refreshes every 15 s.
   Without JavaScript or without BarcodeDetector the typed code and name search still work. */
(function () {
  "use strict";
  var count = document.getElementById("live-count");
  if (count && window.fetch) {
    var template = count.textContent;
    setInterval(function () {
      fetch(count.dataset.url, { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) {
          if (!data) { return; }
          var numbers = template.match(/\d+/g);
          if (numbers && numbers.length >= 2) {
            count.textContent = template.replace(numbers[0], data.checked_in).replace(numbers[1], data.expected);
          }
        })
        .catch(function () {});
    }, 15000);
  }
  var button = document.getElementById("scan");
  var video = document.getElementById("scanner");
  var form = document.getElementById("code-form");
  if (!button || !video || !form || !("BarcodeDetector" in window) || !navigator.mediaDevices) { return; }
  button.hidden = false;
  button.addEventListener("click", function () {
    var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (stream) {
      video.srcObject = stream;
      video.hidden = false;
      video.play();
      var tick = function () {
        detector.detect(video).then(function (codes) {
          if (codes.length) {
            stream.getTracks().forEach(function (t) { t.stop(); });
            form.querySelector("[name=code]").value = codes[0].rawValue;
            form.submit();
          } else {
            requestAnimationFrame(tick);
          }
        }).catch(function () { requestAnimationFrame(tick); });
      };
      tick();
    }).catch(function () { button.hidden = true; });
  });
})();
