// Speaking timer for the live table page. The server decides whose turn it is on
// every poll; this only counts the seconds down in between and shows the hand-over.
(function () {
  "use strict";

  function arm(root) {
    var timers = (root || document).querySelectorAll("[data-timer]");
    timers.forEach(function (timer) {
      var remaining = parseInt(timer.getAttribute("data-remaining"), 10) || 0;
      timer.endsAt = Date.now() + remaining * 1000;
    });
  }

  function tick() {
    document.querySelectorAll("[data-timer]").forEach(function (timer) {
      if (timer.getAttribute("data-paused") === "1" || !timer.endsAt) {
        return;
      }
      var left = Math.max(0, Math.round((timer.endsAt - Date.now()) / 1000));
      var countdown = timer.querySelector("[data-countdown]");
      if (countdown) {
        var seconds = left % 60;
        countdown.textContent = Math.floor(left / 60) + ":" + (seconds < 10 ? "0" : "") + seconds;
      }
      var next = timer.getAttribute("data-next");
      var note = timer.querySelector("[data-handover]");
      if (next && note && left <= 10) {
        timer.classList.add("handover");
        note.textContent = left === 0 ? "Hand over to " + next + "." : "Hand over to " + next + " now.";
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () { arm(document); });
  document.addEventListener("htmx:afterSwap", function (event) { arm(event.target); });
  window.setInterval(tick, 250);
})();
