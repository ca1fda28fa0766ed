/* Check-in page, progressive enhancement.
   - Offline-tolerant: a typed or scanned code goes into a queue kept in localStorage and is
     sent to the server's scan endpoint when the phone is online (at once, on the "online"
     event and every 10 s). The server is idempotent, so a scan sent twice is harmless; each
     scan carries the time it was made. Answers (welcome, already checked in, refused) are
     listed under the form; the live count comes with each answer and every 15 s.
   - Where the browser has BarcodeDetector and a camera, a "scan" button reads the QR.
   Without JavaScript the form posts as usual and the page answers. */
(function () {
  "use strict";
  var count = document.getElementById("live-count");
  var template = count ? count.textContent : "";
  var showCount = function (data) {
    var numbers = template.match(/\d+/g);
    if (count && numbers && numbers.length >= 2) {
      count.textContent = template.replace(numbers[0], data.checked_in).replace(numbers[1], data.expected);
    }
  };
  if (count && window.fetch) {
    setInterval(function () {
      if (!navigator.onLine) { return; }
      fetch(count.dataset.url, { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) { if (data) { showCount(data); } })
        .catch(function () {});
    }, 15000);
  }
  var form = document.getElementById("code-form");
  var queued = form && window.fetch && window.localStorage && window.FormData && form.dataset.scanUrl
    ? offlineQueue(form, showCount) : null;
  var button = document.getElementById("scan");
  var video = document.getElementById("scanner");
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
            if (queued) { queued(codes[0].rawValue); } else { form.submit(); }
          } else {
            requestAnimationFrame(tick);
          }
        }).catch(function () { requestAnimationFrame(tick); });
      };
      tick();
    }).catch(function () { button.hidden = true; });
  });

  function offlineQueue(form, showCount) {
    var key = "hromada-checkin:" + form.dataset.scanUrl;
    var input = form.querySelector("[name=code]");
    var token = form.querySelector("[name=csrfmiddlewaretoken]").value;
    var log = document.getElementById("checkin-log");
    var state = document.getElementById("queue-state");
    var sending = false;
    var load = function () {
      try { return JSON.parse(localStorage.getItem(key) || "[]"); } catch (e) { return []; }
    };
    var save = function (items) { localStorage.setItem(key, JSON.stringify(items)); };
    var showState = function () {
      var waiting = load().length;
      state.hidden = waiting === 0;
      state.textContent = waiting ? (navigator.onLine ? form.dataset.msgSending : form.dataset.msgOffline)
        .replace("{n}", waiting) : "";
    };
    var say = function (kind, text) {
      var item = document.createElement("li");
      item.className = "msg checkin-result " + kind;
      item.setAttribute("role", kind === "error" ? "alert" : "status");
      item.textContent = text;
      log.insertBefore(item, log.firstChild);
    };
    var flush = function () {
      var items = load();
      if (sending || !items.length || !navigator.onLine) { showState(); return; }
      sending = true;
      var body = new FormData();
      body.append("csrfmiddlewaretoken", token);
      body.append("code", items[0].code);
      body.append("scanned_at", String(items[0].at));
      fetch(form.dataset.scanUrl, { method: "POST", body: body, credentials: "same-origin" })
        .then(function (r) {
          var json = (r.headers.get("Content-Type") || "").indexOf("application/json") === 0;
          if (!r.ok || !json) { throw new Error("not an answer"); }  // e.g. logged out: keep it
          return r.json();
        })
        .then(function (answer) {
          save(load().slice(1));
          var kind = { checked_in: "success", already: "already" }[answer.status] || "error";
          say(kind, answer.message);
          if (answer.expected !== undefined) { showCount(answer); }
          sending = false;
          flush();
        })
        .catch(function () { sending = false; showState(); });
    };
    var enqueue = function (code) {
      code = code.trim();
      if (!code) { return; }
      var items = load();
      items.push({ code: code, at: Date.now() });
      save(items);
      flush();
      showState();
    };
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      enqueue(input.value);
      input.value = "";
      input.focus();
    });
    window.addEventListener("online", flush);
    window.addEventListener("offline", showState);
    setInterval(flush, 10000);
    flush();
    return enqueue;
  }
})();
